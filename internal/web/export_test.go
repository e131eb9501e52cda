package web

// Unexported checks that guard what pages trust, exposed to web_test.
var (
	Fragment = fragment
	WebURL   = webURL
)
