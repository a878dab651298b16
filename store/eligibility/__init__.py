"""Who the candidate is and whether they qualify: the profile, the rules of each posting, the fits."""
