"""Who is asking: Slack's users.info and users.lookupByEmail through the real client."""

from bot.app import create_web_client
from bot.exams.people import roles_for
from bot.runtime import Runtime
from bot.slack.identity import IdentityResolver
from models.db import session_scope
from tests.support.factories import add_grader, add_test
from tests.support.harness import make_settings


def test_resolve_and_cache(fake_slack, tmp_path):
    fake_slack.add_user("U1", email="Kari@NTNU.no", locale="nn-NO", name="Kari")
    settings = make_settings(fake_slack.api_url, f"sqlite:///{tmp_path}/x.db")
    client = create_web_client(settings)
    resolver = IdentityResolver("en")
    person = resolver.resolve(client, "U1")
    assert (person.email, person.language) == ("kari@ntnu.no", "nb")
    resolver.resolve(client, "U1")
    assert len(fake_slack.calls("users.info")) == 1


def test_unknown_user_is_not_cached_and_gets_default_language(fake_slack, tmp_path):
    settings = make_settings(fake_slack.api_url, f"sqlite:///{tmp_path}/x.db")
    client = create_web_client(settings)
    resolver = IdentityResolver("en")
    person = resolver.resolve(client, "UNKNOWN")
    assert person.email is None and person.language == "en"
    resolver.resolve(client, "UNKNOWN")
    assert len(fake_slack.calls("users.info")) == 2


def test_user_id_for_email(fake_slack, tmp_path):
    fake_slack.add_user("U7", email="ola@ntnu.no")
    settings = make_settings(fake_slack.api_url, f"sqlite:///{tmp_path}/x.db")
    client = create_web_client(settings)
    resolver = IdentityResolver("nb")
    assert resolver.user_id_for_email(client, "OLA@ntnu.no") == "U7"
    assert resolver.user_id_for_email(client, "nobody@ntnu.no") is None


def test_roles_match_email_or_inspera_email(engine, tmp_path):
    add_test(engine, "A-1", consultants=("konsulent@ntnu.no",))
    add_grader(engine, "ola@ntnu.no", inspera_email="ola.old@gmail.com")
    settings = make_settings("http://unused/", "sqlite://", SENSORBOT_ADMIN_EMAILS="boss@ntnu.no")
    with session_scope(engine) as session:
        assert roles_for(session, "OLA.OLD@gmail.com", settings).grader.email == "ola@ntnu.no"
        consultant = roles_for(session, "konsulent@ntnu.no", settings)
        assert consultant.may_administer("A-1") and not consultant.may_administer("B-2")
        assert roles_for(session, "boss@ntnu.no", settings).may_administer("B-2")
        nobody = roles_for(session, None, settings)
        assert nobody.grader is None and not nobody.is_consultant


def test_the_asker_is_looked_up_in_slack_only_when_first_used(fake_slack, tmp_path, engine):
    fake_slack.add_user("U1", email="kari@ntnu.no", locale="nb-NO", name="Kari")
    add_grader(engine, "kari@ntnu.no")
    settings = make_settings(fake_slack.api_url, f"sqlite:///{tmp_path}/x.db")
    asker = Runtime(settings, engine).asker(create_web_client(settings), "U1")
    assert fake_slack.calls("users.info") == []  # a listener that only acks asks nothing
    assert asker.lang == "nb"
    assert asker.roles.grader is not None and asker.roles.grader.email == "kari@ntnu.no"
    assert len(fake_slack.calls("users.info")) == 1


def test_a_chosen_language_wins_and_known_answers_it_without_asking_the_store(fake_slack, tmp_path):
    fake_slack.add_user("U1", email="kari@ntnu.no", locale="en-US")
    settings = make_settings(fake_slack.api_url, f"sqlite:///{tmp_path}/x.db")
    client = create_web_client(settings)
    asked: list[str] = []
    choices = {"U1": "en"}

    def chosen(user_id: str):
        asked.append(user_id)
        return choices.get(user_id)

    resolver = IdentityResolver("nb", chosen_language=chosen)
    assert resolver.known("U1") is None  # not looked up yet
    assert resolver.resolve(client, "U1").language == "en"
    assert asked == ["U1"]
    known = resolver.known("U1")
    assert known is not None and known.language == "en"
    assert asked == ["U1"], "known() must not read the store: it answers before the ack"
    choices["U1"] = "nb"
    assert resolver.resolve(client, "U1").language == "nb"  # each resolve reads the choice
    assert resolver.known("U1").language == "nb"


def test_what_one_process_learnt_of_a_person_another_knows_without_asking_slack(
    fake_slack, tmp_path
):
    """The work process tells the answering process whom it looked up, for "busy"."""
    fake_slack.add_user("U1", email="kari@ntnu.no", locale="en-US")
    settings = make_settings(fake_slack.api_url, f"sqlite:///{tmp_path}/x.db")
    client = create_web_client(settings)
    working = IdentityResolver("en", chosen_language=lambda _user_id: "nb")
    answering = IdentityResolver("en", chosen_language=lambda _user_id: None)
    assert working.learnt("U1") is None  # not looked up yet
    working.resolve(client, "U1")
    learnt = working.learnt("U1")
    assert learnt is not None
    answering.remember(learnt)
    known = answering.known("U1")
    assert known is not None and (known.email, known.language) == ("kari@ntnu.no", "nb")
    assert len(fake_slack.calls("users.info")) == 1
    # Resolving still reads the choice where it resolves: this store has none.
    assert answering.resolve(client, "U1").language == "en"
    assert len(fake_slack.calls("users.info")) == 1


def test_what_was_learnt_expires_as_a_look_up_does(fake_slack, tmp_path):
    fake_slack.add_user("U1", email="kari@ntnu.no", locale="nb-NO")
    settings = make_settings(fake_slack.api_url, f"sqlite:///{tmp_path}/x.db")
    working = IdentityResolver("en", ttl_seconds=0.0)
    working.resolve(create_web_client(settings), "U1")
    assert working.learnt("U1") is None
