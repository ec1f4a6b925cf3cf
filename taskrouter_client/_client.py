"""``Client`` and ``AsyncClient``: settings, the connection pool, and the root of the tree.

Neither holds API logic: operations live in the table (``_generated``), building and reading
in pure modules, and sending in a runner; the tree (``client.workspaces``) loads on first
use. The shared base takes every argument; the two classes differ only in their runner and
in ``close`` / ``aclose``, ``__exit__`` / ``__aexit__``.
"""

from __future__ import annotations

import copy
import enum
import functools
import importlib
import os
from types import ModuleType
from typing import TYPE_CHECKING, Generic, Literal, TypeVar

import attrs

from ._compat import Self
from ._config import resolve_base_url, resolve_credentials
from ._params import boolean, integer
from ._retry import RetryPolicy
from ._runner import AsyncRunner, Settings, SyncRunner
from ._senders import async_sender, check_timeout, check_user_agent_extra, sync_sender

if TYPE_CHECKING:
    from types import TracebackType

    import aiohttp
    import httpx

    from ._resources.workspaces import AsyncWorkspaceList, WorkspaceList

H = TypeVar("H")
R = TypeVar("R", SyncRunner, AsyncRunner)


class _Unset(enum.Enum):
    UNSET = "UNSET"


UNSET = _Unset.UNSET
"""Default of options left to the client (so that None can keep its own meaning)."""


_TREE = f"{__package__}._resources.workspaces"


@functools.cache
def _workspaces() -> ModuleType:
    """The resource tree's root module, imported when a client first needs it.

    Cached: import_module costs ten times as much, on every ``client.workspaces``. Not read
    from ``sys.modules``, which holds a module from the moment another thread starts
    importing it: import_module waits for that import to finish.
    """
    return importlib.import_module(_TREE)


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
        timeout: float | httpx.Timeout | Literal[_Unset.UNSET] = UNSET,
        max_retries: int = 2,
        retry_creates: bool = False,
        http_client: H | None = None,
        user_agent_extra: str | None = None,
    ) -> None:
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
        extra = check_user_agent_extra(user_agent_extra)
        self._runner: R = self._start(settings, http_client, extra)
        self._owns_sender = True

    def _start(self, settings: Settings, http_client: H | None, user_agent_extra: str | None) -> R:
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
        timeout: float | httpx.Timeout | Literal[_Unset.UNSET] = UNSET,
        max_retries: int | Literal[_Unset.UNSET] = UNSET,
        retry_creates: bool | Literal[_Unset.UNSET] = UNSET,
    ) -> Self:
        """A copy with other per-call settings, sharing this client's connection pool.

        Args:
            timeout: The HTTP timeout for the copy's calls.
            max_retries: Retries after a first attempt that failed in a retryable way.
            retry_creates: Retry creates even when Twilio may have received them.

        The copy is cheap; closing it does not close the pool, closing this client does.
        """
        settings = self._runner.settings
        if timeout is not UNSET:
            settings = attrs.evolve(settings, timeout=check_timeout(timeout))
        retry = _retry_policy(settings.retry, max_retries=max_retries, retry_creates=retry_creates)
        settings = attrs.evolve(settings, retry=retry)
        clone = copy.copy(self)
        clone._runner = self._runner.with_settings(settings)
        clone._owns_sender = False
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


class Client(_BaseClient["httpx.Client", SyncRunner]):
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
        timeout: Time limit of each attempt as a whole, body included: seconds, or an
            ``httpx.Timeout`` (each of its parts applies as httpx says, and the attempt as
            a whole is bounded by the longest). Default: connect 5 s, attempt 30 s (with
            your own ``http_client``: that client's timeouts).
        max_retries: Retries after a first attempt that failed in a retryable way: 429 and
            failures to connect always; 408, 500, 502, 503, 504, timeouts and dropped
            connections for reads, sets and deletes (state transitions are read back).
        retry_creates: Retry creates even when Twilio may have received them (a retry
            could then create a duplicate; off by default).
        http_client: An ``httpx.Client`` of yours to send through. It is never closed by us.
        user_agent_extra: Your application's name and version (``"myapp/1.2"``), added to
            the ``User-Agent`` header: printable ASCII, no line breaks.

    Raises:
        MissingCredentialsError: No credentials were passed or found in the environment.
        InvalidArgumentError: An argument is malformed (for example, a plain http:// URL
            to a host that is not loopback).

    Use it as a context manager, or call :meth:`close`, to release its connections. A call
    on a closed client raises ``RuntimeError``.

    .. versionadded:: 0.1.0
    .. versionadded:: 0.2.0 ``user_agent_extra``; ``timeout`` bounds each attempt as a whole.
    """

    def _start(
        self, settings: Settings, http_client: httpx.Client | None, user_agent_extra: str | None
    ) -> SyncRunner:
        sender = sync_sender(self._credentials, http_client, settings.timeout, user_agent_extra)
        return SyncRunner(settings, sender)

    @property
    def workspaces(self) -> WorkspaceList:
        """The account's Workspaces: ``list()``, ``create()``, and one by SID.

        ``client.workspaces("WS…")`` is one Workspace (its SID checked against
        ``^WS[0-9a-fA-F]{32}$``; nothing is sent), the root of the resources below it.

        .. versionchanged:: 0.2.0
           A list of Workspaces, still called with a SID for one.
        """
        workspaces: WorkspaceList = _workspaces().WorkspaceList(self._runner, {})
        return workspaces

    def close(self) -> None:
        """Release the connection pool (a caller's ``http_client`` is left open).

        Calls made afterwards raise ``RuntimeError``. A copy made by :meth:`with_options`
        shares the pool: closing the copy does nothing, closing this client closes both.
        """
        if self._owns_sender:
            self._runner.sender.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


class AsyncClient(_BaseClient["httpx.AsyncClient | aiohttp.ClientSession", AsyncRunner]):
    """The async TaskRouter client: the same tree as :class:`Client`, I/O awaited.

    Takes the arguments of :class:`Client`; ``http_client`` is an ``httpx.AsyncClient`` or
    an ``aiohttp.ClientSession`` (``pip install "taskrouter-client[aiohttp]"``), never
    closed by us. Without one, it sends through a pool of its own, on asyncio or trio; used
    from successive event loops (``asyncio.run()`` after ``asyncio.run()``), it opens new
    connections on each (the pool of a loop is closed when that loop ends).

    .. versionadded:: 0.1.0
    .. versionadded:: 0.2.0 ``http_client`` may be an ``aiohttp.ClientSession``; trio.
    """

    def _start(
        self,
        settings: Settings,
        http_client: httpx.AsyncClient | aiohttp.ClientSession | None,
        user_agent_extra: str | None,
    ) -> AsyncRunner:
        sender = async_sender(self._credentials, http_client, settings.timeout, user_agent_extra)
        return AsyncRunner(settings, sender)

    @property
    def workspaces(self) -> AsyncWorkspaceList:
        """See :attr:`Client.workspaces`."""
        workspaces: AsyncWorkspaceList = _workspaces().AsyncWorkspaceList(self._runner, {})
        return workspaces

    async def aclose(self) -> None:
        """See :meth:`Client.close`."""
        if self._owns_sender:
            await self._runner.sender.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()
