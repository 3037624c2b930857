"""A local Slack workspace: Sensorbot without Slack, for `sensorbot demo` and the tests."""
