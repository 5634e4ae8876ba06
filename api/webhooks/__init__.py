"""Webhooks: endpoints per organisation, an outbox over the event chain, signed deliveries."""
