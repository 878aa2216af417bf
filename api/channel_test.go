package api_test

import (
	"net/http"
	"testing"

	"shebao"
	"shebao/api"
	"shebao/demo/demotest"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// Staff act on the counter channel wherever they work: a clerk's items
// through the API are counter items, refused after the counter's last day
// like the counter's own, and counted at the counter in the statistics.
func TestClerkWorksOnTheCounterChannelThroughTheAPI(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ta := newTestAPI(t, db)
		w := ta.call("POST", "/api/v1/login", "", map[string]any{"username": "clerk", "password": password})
		if out := decode[loginOut](t, w, http.StatusOK); out.Channel != string(shebao.Counter) {
			t.Errorf("clerk's API session is on %q, want counter", out.Channel)
		}
		clerk := ta.login("clerk")
		body := enroll(ta.fx.alice, 800_000)
		body["unit_id"] = ta.fx.unitA.ID
		it := decode[itemOut](t, ta.call("POST", "/api/v1/items", clerk, body), http.StatusCreated)
		if it.Channel != string(shebao.Counter) || it.Status != string(shebao.StatusApproved) {
			t.Errorf("clerk's enrollment on the 8th = %s %s, want counter approved", it.Channel, it.Status)
		}

		// On the 16th the counter no longer takes enrollments, through the API either.
		ta.svc = demotest.Services(t, db, shebao.FixedDayClock{Day: shebao.NewDate(2026, 7, 16)})
		ta.h = api.New(api.Deps{Services: ta.svc})
		clerk = ta.login("clerk")
		body = enroll(ta.fx.carol, 800_000)
		body["unit_id"] = ta.fx.unitA.ID
		late := decode[itemOut](t, ta.call("POST", "/api/v1/items", clerk, body), http.StatusCreated)
		if late.Channel != string(shebao.Counter) || late.Status != string(shebao.StatusRefused) ||
			len(late.Reasons) != 1 || late.Reasons[0].Code != shebao.ReasonCounterClosed {
			t.Errorf("clerk's enrollment on the 16th = %s %s %+v, want counter refused %s",
				late.Channel, late.Status, late.Reasons, shebao.ReasonCounterClosed)
		}

		rep, err := ta.svc.Stats.Report(t.Context(), demotest.Actor(t, db, "clerk"), 202607, 202608)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range rep.Channels {
			if c.Channel == shebao.Online && c.Items != 0 {
				t.Errorf("statistics count %d of the clerk's items online", c.Items)
			}
			if c.Channel == shebao.Counter && c.Items != 2 {
				t.Errorf("statistics count %d items at the counter, want the clerk's 2", c.Items)
			}
		}
	})
}
