"""What operations do beyond their wire facts, written by hand.

Checks across arguments, and how a write is recognised when read back. The operations
themselves are generated (``_generated``) from the spec and the overlay, which names these
functions.
"""
