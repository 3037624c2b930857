"""Complaints and complaint grading ("klage", "klagesensur"; SPEC §2.5, §3.11): a
complaint committee of new graders grades its complaint candidates blind."""
