"""The selection procedures a vacancy goes through: their stages, the user's dated events and deadlines."""
