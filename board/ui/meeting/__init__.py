"""The progress meeting: controller, band, clock, agenda, minutes, sending, history, settings."""
