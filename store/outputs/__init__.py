"""What leaves the store: exports (ics, csv, json) and the timeline of deadlines and dates due."""
