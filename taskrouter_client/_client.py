"""``Client`` and ``AsyncClient``: settings, the connection pool, and the root of the tree.

Neither holds API logic: operations live in the table (``_endpoints``), building and reading
in pure modules, and sending in a runner. The shared base takes every argument; the two
classes differ only in their runner and in ``close`` / ``aclose``, ``__exit__`` / ``__aexit__``.
"""

from __future__ import annotations

import copy
import enum
import os
import sys
from typing import TYPE_CHECKING, Generic, Literal, TypeVar

import attrs

from ._config import resolve_base_url, resolve_credentials
from ._params import boolean, check_sid, integer
from ._resources.workspaces import AsyncWorkspaceContext, WorkspaceContext
from ._retry import RetryPolicy
from ._runner import AsyncRunner, Settings, SyncRunner

if sys.version_info >= (3, 11):
    from typing import Self
else:
    from typing_extensions import Self

if TYPE_CHECKING:
    from types import TracebackType

    from ._transport import AsyncHTTPClient, HTTPTimeout, SyncHTTPClient

H = TypeVar("H")
R = TypeVar("R", SyncRunner, AsyncRunner)


class _Unset(enum.Enum):
    UNSET = "UNSET"


UNSET = _Unset.UNSET
"""Default of options left to the client (so that None can keep its own meaning)."""


class _BaseClient(Generic[H, R]):
    """What both clients share: arguments, credentials and settings. Strictly private."""

    def __init__(
        self,
        *,
        account_sid: str | None = None,
        auth_token: str | None = None,
        api_key: str | None = None,
        api_secret: str | None = None,
        base_url: str | None = None,
        region: str | None = None,
        edge: str | None = None,
        timeout: float | HTTPTimeout | Literal[_Unset.UNSET] = UNSET,
        max_retries: int = 2,
        retry_creates: bool = False,
        http_client: H | None = None,
    ) -> None:
        from ._transport import check_timeout  # noqa: PLC0415  # httpx loads with a client

        environ = os.environ
        self._credentials = resolve_credentials(
            account_sid=account_sid,
            auth_token=auth_token,
            api_key=api_key,
            api_secret=api_secret,
            environ=environ,
        )
        settings = Settings(
            base_url=resolve_base_url(base_url=base_url, region=region, edge=edge, environ=environ),
            timeout=None if timeout is UNSET else check_timeout(timeout),
            retry=_retry_policy(
                RetryPolicy(), max_retries=max_retries, retry_creates=retry_creates
            ),
        )
        self._runner: R = self._start(settings, http_client)
        self._owns_transport = True

    def _start(self, settings: Settings, http_client: H | None) -> R:
        raise NotImplementedError

    @property
    def account_sid(self) -> str | None:
        """The account SID in use (None with an API key and no account SID given)."""
        return self._credentials.account_sid

    @property
    def base_url(self) -> str:
        """Where requests go, e.g. ``https://taskrouter.twilio.com``."""
        return self._runner.settings.base_url

    def with_options(
        self,
        *,
        timeout: float | HTTPTimeout | Literal[_Unset.UNSET] = UNSET,
        max_retries: int | Literal[_Unset.UNSET] = UNSET,
        retry_creates: bool | Literal[_Unset.UNSET] = UNSET,
    ) -> Self:
        """A copy with other per-call settings, sharing this client's connection pool.

        Args:
            timeout: The HTTP timeout for the copy's calls.
            max_retries: Retries after a first attempt that failed in a retryable way.
            retry_creates: Retry Task creates even when Twilio may have received them.

        The copy is cheap; closing it does not close the pool, closing this client does.
        """
        from ._transport import check_timeout  # noqa: PLC0415  # loaded by now

        settings = self._runner.settings
        if timeout is not UNSET:
            settings = attrs.evolve(settings, timeout=check_timeout(timeout))
        retry = _retry_policy(settings.retry, max_retries=max_retries, retry_creates=retry_creates)
        settings = attrs.evolve(settings, retry=retry)
        clone = copy.copy(self)
        clone._runner = self._runner.with_settings(settings)
        clone._owns_transport = False
        return clone

    def __repr__(self) -> str:
        who = self._credentials.username
        kind = "api_key" if who.startswith("SK") else "account_sid"
        return f"{type(self).__name__}({kind}={who!r}, base_url={self.base_url!r})"


def _retry_policy(
    base: RetryPolicy,
    *,
    max_retries: int | Literal[_Unset.UNSET] = UNSET,
    retry_creates: bool | Literal[_Unset.UNSET] = UNSET,
) -> RetryPolicy:
    """``base`` with the options given, each checked."""
    if max_retries is not UNSET:
        integer(minimum=0)("max_retries", max_retries)
        base = attrs.evolve(base, max_retries=max_retries)
    if retry_creates is not UNSET:
        boolean("retry_creates", retry_creates)
        base = attrs.evolve(base, retry_creates=retry_creates)
    return base


class Client(_BaseClient["SyncHTTPClient", SyncRunner]):
    """The synchronous TaskRouter client.

    Args:
        account_sid: Your account SID (``AC…``); default ``TWILIO_ACCOUNT_SID``.
        auth_token: Your auth token; default ``TWILIO_AUTH_TOKEN``.
        api_key: An API key SID (``SK…``), used instead of the auth token;
            default ``TWILIO_API_KEY``.
        api_secret: The API key's secret; default ``TWILIO_API_SECRET``.
        base_url: Send requests here instead of ``https://taskrouter.twilio.com``.
        region: A Twilio region such as ``ie1`` (default ``TWILIO_REGION``).
        edge: A Twilio edge location such as ``dublin`` (default ``TWILIO_EDGE``).
        timeout: HTTP timeout: seconds, or an ``httpx.Timeout``. Default: connect 5 s,
            read/write/pool 30 s (with your own ``http_client``: that client's timeout).
        max_retries: Retries after a first attempt that failed in a retryable way (429,
            connection failures; 408 and 5xx and read timeouts for all but creates).
        retry_creates: Retry Task creates even when Twilio may have received them (a retry
            could then create a duplicate Task; off by default).
        http_client: An ``httpx.Client`` of yours to send through. It is never closed by us.

    Raises:
        MissingCredentialsError: No credentials were passed or found in the environment.
        InvalidArgumentError: An argument is malformed (for example, a plain http:// URL
            to a host that is not loopback).

    Use it as a context manager, or call :meth:`close`, to release its connections.

    .. versionadded:: 0.1.0
    """

    def _start(self, settings: Settings, http_client: SyncHTTPClient | None) -> SyncRunner:
        from ._transport import DEFAULT_TIMEOUT, SyncTransport  # noqa: PLC0415  # httpx loads here

        timeout = settings.timeout or DEFAULT_TIMEOUT
        return SyncRunner(settings, SyncTransport(self._credentials, http_client, timeout))

    def workspaces(self, workspace_sid: str) -> WorkspaceContext:
        """The Workspace ``workspace_sid`` (checked against ``^WS[0-9a-fA-F]{32}$``)."""
        sid = check_sid("workspace_sid", workspace_sid, "WS")
        return WorkspaceContext(self._runner, {"WorkspaceSid": sid})

    def close(self) -> None:
        """Release the connection pool (a caller's ``http_client`` is left open)."""
        if self._owns_transport:
            self._runner.transport.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


class AsyncClient(_BaseClient["AsyncHTTPClient", AsyncRunner]):
    """The asyncio TaskRouter client: the same tree as :class:`Client`, I/O awaited.

    Takes the arguments of :class:`Client`; ``http_client`` is an ``httpx.AsyncClient``.

    .. versionadded:: 0.1.0
    """

    def _start(self, settings: Settings, http_client: AsyncHTTPClient | None) -> AsyncRunner:
        from ._transport import DEFAULT_TIMEOUT, AsyncTransport  # noqa: PLC0415  # httpx loads here

        timeout = settings.timeout or DEFAULT_TIMEOUT
        return AsyncRunner(settings, AsyncTransport(self._credentials, http_client, timeout))

    def workspaces(self, workspace_sid: str) -> AsyncWorkspaceContext:
        """See :meth:`Client.workspaces`."""
        sid = check_sid("workspace_sid", workspace_sid, "WS")
        return AsyncWorkspaceContext(self._runner, {"WorkspaceSid": sid})

    async def aclose(self) -> None:
        """See :meth:`Client.close`."""
        if self._owns_transport:
            await self._runner.transport.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()
