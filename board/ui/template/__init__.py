"""A card's template page and a goal's page, with their fields and sheets."""
