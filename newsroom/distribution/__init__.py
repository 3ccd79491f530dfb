"""Distribution by email: subscribers and the media list, the deliveries of each
item to each recipient, per-recipient embargo links, the public subscription pages,
the emails, and the tasks that send them (see tasks.py)."""
