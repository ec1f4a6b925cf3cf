"""What Twilio's OpenAPI description does not say, for ``scripts/generate.py``.

Strictly private, and never imported at run time: the generator reads ``overlay.py`` and
writes ``taskrouter_client/_generated``.
"""
