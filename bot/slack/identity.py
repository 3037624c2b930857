"""Slack user → e-mail, name and language, through `users.info`, cached for a while.

Only Slack's answers are cached; what a person may do is always read from the store
(`bot.exams.people.roles_for`), and so is the language they chose, which wins over their
Slack locale (`bot.people.language`).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.i18n import Language, language_for_locale

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class SlackPerson:
    user_id: str
    email: str | None
    name: str | None
    language: Language
    tz: str | None


ChosenLanguage = Callable[[str], Language | None]
# A person as Slack described them, and the language they had chosen then.
Learnt = tuple[SlackPerson, Language | None]


class IdentityResolver:
    def __init__(
        self,
        default_language: str,
        ttl_seconds: float = 600.0,
        chosen_language: ChosenLanguage | None = None,
    ) -> None:
        self._default_language = default_language
        self._chosen_language = chosen_language
        self._last_chosen: dict[str, Language | None] = {}  # as `resolve` last read it
        self._ttl = ttl_seconds
        self._cache: dict[str, tuple[float, SlackPerson]] = {}
        self._by_email: dict[str, tuple[float, str]] = {}
        self._lock = threading.Lock()

    @property
    def ttl_seconds(self) -> float:
        """How long a person looked up is known without asking Slack again."""
        return self._ttl

    def resolve(self, client: WebClient, user_id: str) -> SlackPerson:
        """The person as Slack knows them, in the language they chose if they did (asked
        each time: a choice made in another process counts at once)."""
        return self._in_chosen_language(self._slack_person(client, user_id))

    def _in_chosen_language(self, person: SlackPerson) -> SlackPerson:
        chosen = self._chosen_language(person.user_id) if self._chosen_language else None
        with self._lock:
            self._last_chosen[person.user_id] = chosen
        return self._as_chosen(person, chosen)

    @staticmethod
    def _as_chosen(person: SlackPerson, chosen: Language | None) -> SlackPerson:
        return replace(person, language=chosen) if chosen and chosen != person.language else person

    def _slack_person(self, client: WebClient, user_id: str) -> SlackPerson:
        now = time.monotonic()
        with self._lock:
            cached = self._cache.get(user_id)
        if cached and cached[0] > now:
            return cached[1]
        person = self._look_up(client, user_id)
        if person.email is not None:
            with self._lock:
                self._cache[user_id] = (now + self._ttl, person)
        return person

    def known(self, user_id: str) -> SlackPerson | None:
        """The person as Slack last described them, in the language they had chosen when
        last looked up; no I/O at all (it answers on the request thread, before the ack).
        None when not cached (or expired)."""
        learnt = self.learnt(user_id)
        return self._as_chosen(*learnt) if learnt is not None else None

    def user_id_for_email(self, client: WebClient, email: str) -> str | None:
        """The Slack user with this e-mail (`users.lookupByEmail`), or None when Slack has
        nobody with it. Found users are cached; "not found" is asked again next time."""
        email = email.strip().lower()
        now = time.monotonic()
        with self._lock:
            cached = self._by_email.get(email)
        if cached and cached[0] > now:
            return cached[1]
        try:
            user = client.users_lookupByEmail(email=email)["user"]
        except SlackApiError as error:
            if error.response.get("error") == "users_not_found":
                return None
            raise
        with self._lock:
            self._by_email[email] = (now + self._ttl, user["id"])
        return user["id"]

    def learnt(self, user_id: str) -> Learnt | None:
        """What `remember` in another process needs to know the person as this one does;
        None when not cached (or expired)."""
        with self._lock:
            cached = self._cache.get(user_id)
            chosen = self._last_chosen.get(user_id)
        if not cached or cached[0] <= time.monotonic():
            return None
        return cached[1], chosen

    def remember(self, learnt: Learnt) -> None:
        """What another process learnt of a person (`learnt`), for `known`, as if looked
        up here now."""
        person, chosen = learnt
        with self._lock:
            self._cache[person.user_id] = (time.monotonic() + self._ttl, person)
            self._last_chosen[person.user_id] = chosen

    def forget(self, user_id: str) -> None:
        with self._lock:
            self._cache.pop(user_id, None)

    def _look_up(self, client: WebClient, user_id: str) -> SlackPerson:
        try:
            user = client.users_info(user=user_id, include_locale=True)["user"]
        except SlackApiError as error:
            # Without Slack's answer the person is treated as unknown (not cached, so the
            # next request asks again); the reply then says we could not identify them.
            logger.warning("users.info failed for %s: %s", user_id, error.response.get("error"))
            return SlackPerson(
                user_id, None, None, language_for_locale(None, self._default_language), None
            )
        profile = user.get("profile") or {}
        email = (profile.get("email") or "").strip().lower() or None
        return SlackPerson(
            user_id=user_id,
            email=email,
            name=profile.get("real_name") or user.get("real_name") or user.get("name"),
            language=language_for_locale(user.get("locale"), self._default_language),
            tz=user.get("tz"),
        )
