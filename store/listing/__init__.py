"""What the dashboard's list shows: the sort orders and the `/` filter."""
