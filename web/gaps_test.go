package web

import (
	"net/http"
	"testing"
)

// TestLateOnlyFilterOnThePage: the items list has the "late enrollments
// only" box, kept checked by late=1, the API's late=true twin.
func TestLateOnlyFilterOnThePage(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		clerk := f.browser()
		clerk.login("clerk")
		p := clerk.get("/items?late=1")
		if p.status != http.StatusOK {
			t.Fatalf("GET /items?late=1: %d", p.status)
		}
		if _, checked := p.doc.Find("#f-late").Attr("checked"); !checked {
			t.Error("the late-only box is not kept checked")
		}
		if p.doc.Find("#items tbody tr").Length() != 0 {
			t.Error("the fixture has no late enrollment, yet the filtered list shows items")
		}
	})
}
