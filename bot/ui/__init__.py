"""Block Kit builders: the one place where Slack messages and views are composed."""
