from concurrent.futures import ThreadPoolExecutor

from bot.idempotency import claim_once


def test_a_key_is_claimed_once(engine):
    assert claim_once(engine, "event:Ev1") is True
    assert claim_once(engine, "event:Ev1") is False
    assert claim_once(engine, "file:F1") is True


def test_concurrent_claims_have_one_winner(engine):
    with ThreadPoolExecutor(6) as pool:
        results = list(pool.map(lambda _: claim_once(engine, "file:F9"), range(6)))
    assert results.count(True) == 1
