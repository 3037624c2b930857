"""Sensorbot: a Slack assistant for exam graders and study consultants using Inspera."""
