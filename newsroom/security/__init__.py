"""What protects the site and its staff: the security headers of every response
(Content-Security-Policy, Permissions-Policy), the staff login's throttling and
its second factor."""
