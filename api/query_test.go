package api

import (
	"net/http/httptest"
	"strings"
	"testing"
)

// TestQueryAsURLValues: queryGet and forEachQuery read what r.URL.Query()
// reads, for the usual queries and for malformed ones.
func TestQueryAsURLValues(t *testing.T) {
	long := strings.Repeat("a=1&", maxScannedPairs+5) + "limit=7"
	for _, q := range []string{"", "limit=20", "limit=20&offset=40&limit=3", "unit_id=%31&type=enroll",
		"a;b=1&limit=5", "limit=%zz&limit=9", "%zz=1&limit=2", "&&limit=&offset=1", "q=a+b%20c",
		"limit", "=x&limit=1", "status=in%5Freview&late=true", long} {
		r := httptest.NewRequest("GET", "/api/v1/items?"+q, nil)
		want := r.URL.Query()
		got := map[string][]string{}
		forEachQuery(r, func(n, v string) bool { got[n] = append(got[n], v); return true })
		if len(got) != len(want) {
			t.Errorf("%q: forEachQuery read %v, url.Values %v", q, got, want)
		}
		for n, vs := range want {
			if strings.Join(got[n], "\x00") != strings.Join(vs, "\x00") {
				t.Errorf("%q: %s = %q, url.Values %q", q, n, got[n], vs)
			}
			if queryGet(r, n) != want.Get(n) {
				t.Errorf("%q: queryGet(%s) = %q, url.Values %q", q, n, queryGet(r, n), want.Get(n))
			}
		}
		if queryGet(r, "missing") != "" {
			t.Errorf("%q: a missing parameter has a value", q)
		}
	}
}
