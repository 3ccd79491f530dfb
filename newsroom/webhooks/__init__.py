"""Signed webhooks for partners: on the publication, correction and withdrawal of
a press release, a POST of its ninjs document to each partner who asked for its
languages and topics, sent by the task worker with retries, logged in the admin."""
