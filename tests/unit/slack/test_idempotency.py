from concurrent.futures import ThreadPoolExecutor

from sqlmodel import select

from bot.slack.idempotency import claim_once


def test_a_key_is_claimed_once(engine):
    assert claim_once(engine, "event:Ev1") is True
    assert claim_once(engine, "event:Ev1") is False
    assert claim_once(engine, "file:F1") is True


def test_concurrent_claims_have_one_winner(engine):
    with ThreadPoolExecutor(6) as pool:
        results = list(pool.map(lambda _: claim_once(engine, "file:F9"), range(6)))
    assert results.count(True) == 1


def test_old_keys_are_forgotten_in_bounded_batches(engine):
    from datetime import timedelta

    from bot.slack.idempotency import KEEP_KEYS, forget_old_keys
    from models.db import session_scope
    from models.tables import ProcessedKey
    from models.types import utcnow

    now = utcnow()
    with session_scope(engine) as session:
        for index in range(5):
            session.add(
                ProcessedKey(key=f"old:{index}", at=now - KEEP_KEYS - timedelta(hours=index + 1))
            )
        session.add(ProcessedKey(key="recent", at=now - timedelta(hours=1)))
    with session_scope(engine) as session:
        assert forget_old_keys(session, now, limit=3) == 3
    with session_scope(engine) as session:
        left = {row.key for row in session.exec(select(ProcessedKey)).all()}
    assert left == {"old:0", "old:1", "recent"}  # the three oldest went first
    with session_scope(engine) as session:
        assert forget_old_keys(session, now) == 2
    assert claim_once(engine, "recent") is False  # a key still kept is still claimed


def test_the_scheduler_pass_forgets_old_keys(engine):
    from datetime import timedelta

    from bot.scheduling.scheduler import detect
    from bot.slack.idempotency import KEEP_KEYS
    from models.db import session_scope
    from models.tables import ProcessedKey
    from models.types import utcnow
    from tests.support.harness import make_settings

    now = utcnow()
    with session_scope(engine) as session:
        session.add(ProcessedKey(key="old", at=now - KEEP_KEYS - timedelta(days=1)))
    report = detect(engine, make_settings("http://unused/", "sqlite://"), now)
    assert report.ok
    with session_scope(engine) as session:
        assert session.exec(select(ProcessedKey)).all() == []
