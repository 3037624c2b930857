"""The Inspera connector (SPEC §3.12, §9.5): reads each test's graders and committees from
Inspera's API, tells the consultants where the roster and Inspera disagree, and receives
Inspera's webhooks (`confirm_final_grades`).

Only `bot.inspera.wire` knows Inspera's wire format (paths, headers, field names, the
webhook body and signature); correct it there against a tenant's own API description.
`client` is the HTTP side (token, pacing, waiting out 409/429), `sync` compares what
Inspera says with the roster and stores the differences, `webhooks` is `POST
/inspera/events`, `steps` the scheduler's part. Nothing here talks to Slack.
"""
