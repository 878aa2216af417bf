package api

import (
	"net/http"
	"net/url"
	"strings"
)

// The query of a request is read where it is needed, pair by pair, as
// url.ParseQuery reads it (the same pairs skipped, the same unescaping),
// without building url.Values: r.URL.Query() parsed the whole query into a
// new map at each call, and a list's request called it five times.

// maxScannedPairs is how many pairs a query may have for forEachQuery to
// read it itself; a longer one goes through url.ParseQuery, which has its
// own limit.
const maxScannedPairs = 100

// forEachQuery calls fn with each name and value of r's query in order,
// until fn returns false.
func forEachQuery(r *http.Request, fn func(name, value string) bool) {
	q := r.URL.RawQuery
	if q == "" {
		return
	}
	if strings.Count(q, "&") >= maxScannedPairs {
		for name, vals := range r.URL.Query() {
			for _, v := range vals {
				if !fn(name, v) {
					return
				}
			}
		}
		return
	}
	for q != "" {
		var pair string
		pair, q, _ = strings.Cut(q, "&")
		if pair == "" || strings.Contains(pair, ";") {
			continue
		}
		name, value, _ := strings.Cut(pair, "=")
		name, err := url.QueryUnescape(name)
		if err != nil {
			continue
		}
		if value, err = url.QueryUnescape(value); err != nil {
			continue
		}
		if !fn(name, value) {
			return
		}
	}
}

// queryGet returns the first value of the query parameter name, "" when
// there is none: r.URL.Query().Get(name).
func queryGet(r *http.Request, name string) string {
	var found string
	forEachQuery(r, func(n, v string) bool {
		if n != name {
			return true
		}
		found = v
		return false
	})
	return found
}
