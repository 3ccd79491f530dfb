"""The read-only JSON API (/api/v1/): press releases as IPTC ninjs documents,
events, public media contacts, topics and the organisation."""
