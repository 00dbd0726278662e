"""What every room uses: theme, widgets, the Sheet base, dates, save places; no other room."""
