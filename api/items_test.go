package api_test

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"shebao"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// itemOut is an item answer.
type itemOut struct {
	ID             int64  `json:"id"`
	Receipt        string `json:"receipt"`
	Type           string `json:"type"`
	UnitID         int64  `json:"unit_id"`
	UnitName       string `json:"unit_name"`
	PersonName     string `json:"person_name"`
	IDNumberMasked string `json:"id_number_masked"`
	Channel        string `json:"channel"`
	Terminal       string `json:"terminal"`
	Period         string `json:"period"`
	Status         string `json:"status"`
	Reasons        []struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"reasons"`
	WageFen    int64   `json:"wage_fen"`
	BaseFen    int64   `json:"base_fen"`
	StopReason string  `json:"stop_reason"`
	CreatedAt  string  `json:"created_at"`
	DecidedAt  *string `json:"decided_at"`
}

type itemsOut struct {
	Items []itemOut `json:"items"`
	Total int       `json:"total"`
}

// previewOut is a preview answer.
type previewOut struct {
	Period string `json:"period"`
	Base   *struct {
		WageFen    int64  `json:"wage_fen"`
		BaseFen    int64  `json:"base_fen"`
		FloorFen   int64  `json:"floor_fen"`
		CeilingFen int64  `json:"ceiling_fen"`
		Clamp      string `json:"clamp"`
	} `json:"base"`
	Person *struct {
		Name           string `json:"name"`
		IDNumberMasked string `json:"id_number_masked"`
	} `json:"person"`
	Refusal *struct {
		Reason  string `json:"reason"`
		Message string `json:"message"`
	} `json:"refusal"`
}

func enroll(p shebao.Person, wage any) map[string]any {
	m := map[string]any{"type": "enroll", "id_number": p.IDNumber}
	switch w := wage.(type) {
	case string:
		m["wage"] = w
	default:
		m["wage_fen"] = w
	}
	return m
}

func TestPreview(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ta := newTestAPI(t, db)
		token := ta.login("opa")
		tests := []struct {
			name        string
			body        map[string]any
			base, clamp string
			refusal     string
		}{
			{"below the floor", enroll(ta.fx.alice, 500_000), "600000", "floor", ""},
			{"wage in yuan", enroll(ta.fx.alice, "8000.50"), "800050", "none", ""},
			{"above the ceiling", enroll(ta.fx.alice, 5_000_000), "3000000", "ceiling", ""},
			{"no registration", enroll(ta.fx.bob, 800_000), "800000", "none", shebao.ReasonNoRegistration},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				pv := decode[previewOut](t, ta.call("POST", "/api/v1/items/preview", token, tt.body), http.StatusOK)
				if pv.Period != "2026-07" || pv.Base == nil || fmt.Sprint(pv.Base.BaseFen) != tt.base || pv.Base.Clamp != tt.clamp {
					t.Errorf("preview = %+v base %+v", pv, pv.Base)
				}
				if pv.Base.FloorFen != 600_000 || pv.Base.CeilingFen != 3_000_000 {
					t.Errorf("bounds = %+v", pv.Base)
				}
				if pv.Person == nil || pv.Person.IDNumberMasked == "" || strings.Contains(pv.Person.IDNumberMasked, tt.body["id_number"].(string)[6:14]) {
					t.Errorf("person = %+v", pv.Person)
				}
				switch {
				case tt.refusal == "" && pv.Refusal != nil:
					t.Errorf("refusal = %+v, want none", pv.Refusal)
				case tt.refusal != "" && (pv.Refusal == nil || pv.Refusal.Reason != tt.refusal || pv.Refusal.Message == ""):
					t.Errorf("refusal = %+v, want %s", pv.Refusal, tt.refusal)
				}
			})
		}
		// A preview writes nothing.
		list := decode[itemsOut](t, ta.call("GET", "/api/v1/items", token, nil), http.StatusOK)
		if list.Total != 0 {
			t.Errorf("after previews: %d items", list.Total)
		}
	})
}

func TestSubmit(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ta := newTestAPI(t, db)
		token := ta.login("opa")
		w := ta.call("POST", "/api/v1/items", token, enroll(ta.fx.alice, "8000.50"))
		ok := decode[itemOut](t, w, http.StatusCreated)
		want := itemOut{ID: ok.ID, Receipt: ok.Receipt, Type: "enroll", UnitID: ta.fx.unitA.ID, UnitName: ta.fx.unitA.Name,
			PersonName: ta.fx.alice.Name, IDNumberMasked: shebao.MaskIDNumber(ta.fx.alice.IDNumber), Channel: "online",
			Period: "2026-07", Status: "approved", Reasons: ok.Reasons, WageFen: 800050, BaseFen: 800050,
			CreatedAt: ok.CreatedAt, DecidedAt: ok.DecidedAt}
		if d := cmp.Diff(want, ok); d != "" {
			t.Errorf("approved item (-want +got):\n%s", d)
		}
		if ok.Receipt == "" || len(ok.Reasons) != 0 || !strings.HasSuffix(ok.CreatedAt, "+08:00") || ok.DecidedAt == nil {
			t.Errorf("approved item = %+v", ok)
		}
		if loc := w.Header().Get("Location"); loc != fmt.Sprintf("/api/v1/items/%d", ok.ID) {
			t.Errorf("Location = %q", loc)
		}

		// A refusal is an item too, with its reasons.
		refused := decode[itemOut](t, ta.call("POST", "/api/v1/items", token, enroll(ta.fx.bob, 800_000)), http.StatusCreated)
		if refused.Status != "refused" || len(refused.Reasons) != 1 || refused.Reasons[0].Code != shebao.ReasonNoRegistration ||
			!strings.Contains(refused.Reasons[0].Message, "就业备案") {
			t.Errorf("refused item = %+v", refused)
		}

		got := decode[itemOut](t, ta.call("GET", fmt.Sprintf("/api/v1/items/%d", ok.ID), token, nil), http.StatusOK)
		if d := cmp.Diff(ok, got); d != "" {
			t.Errorf("GET item (-submitted +got):\n%s", d)
		}
		list := decode[itemsOut](t, ta.call("GET", "/api/v1/items?status=refused", token, nil), http.StatusOK)
		if list.Total != 1 || len(list.Items) != 1 || list.Items[0].ID != refused.ID {
			t.Errorf("refused items = %+v", list)
		}
		// The enrolled person is on the roster.
		roster := decode[struct {
			Entries []struct {
				Name        string `json:"name"`
				IDNumber    string `json:"id_number"`
				FirstPeriod string `json:"first_period"`
				BaseFen     int64  `json:"base_fen"`
			} `json:"entries"`
			Total int `json:"total"`
		}](t, ta.call("GET", "/api/v1/roster", token, nil), http.StatusOK)
		if roster.Total != 1 || roster.Entries[0].IDNumber != ta.fx.alice.IDNumber || roster.Entries[0].BaseFen != 800050 ||
			roster.Entries[0].FirstPeriod != "2026-07" {
			t.Errorf("roster = %+v", roster)
		}
	})
}

func TestKioskSubmitRecordsTerminal(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ta := newTestAPI(t, db)
		w := ta.call("POST", "/api/v1/login", "", map[string]any{"username": "opa", "password": password,
			"terminal": map[string]string{"code": terminalCode, "secret": terminalSecret}})
		token := decode[loginOut](t, w, http.StatusOK).Token
		it := decode[itemOut](t, ta.call("POST", "/api/v1/items", token, enroll(ta.fx.alice, 800_000)), http.StatusCreated)
		if it.Channel != "self_service" || it.Terminal != terminalCode {
			t.Errorf("kiosk item channel %q terminal %q", it.Channel, it.Terminal)
		}
	})
}

func TestIdempotentRetry(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ta := newTestAPI(t, db)
		token := ta.login("opa")
		body := enroll(ta.fx.alice, 800_000)
		first := decode[itemOut](t, ta.call("POST", "/api/v1/items", token, body, "Idempotency-Key", "k-0001"), http.StatusCreated)
		again := decode[itemOut](t, ta.call("POST", "/api/v1/items", token, body, "Idempotency-Key", "k-0001"), http.StatusOK)
		if again.ID != first.ID || again.Status != "approved" {
			t.Errorf("retry = %+v, want item %d approved", again, first.ID)
		}
		// The key may come in the body instead.
		body["client_key"] = "k-0001"
		inBody := decode[itemOut](t, ta.call("POST", "/api/v1/items", token, body), http.StatusOK)
		if inBody.ID != first.ID {
			t.Errorf("retry with client_key = item %d, want %d", inBody.ID, first.ID)
		}
		wantError(t, ta.call("POST", "/api/v1/items", token, body, "Idempotency-Key", "k-0002"), 400, "IDEMPOTENCY_KEY_MISMATCH", "client_key")
		// The same key for another person is a client bug, not a retry.
		wantError(t, ta.call("POST", "/api/v1/items", token, enroll(ta.fx.carol, 800_000), "Idempotency-Key", "k-0001"),
			409, "IDEMPOTENCY_KEY_REUSED", "client_key")

		list := decode[itemsOut](t, ta.call("GET", "/api/v1/items", token, nil), http.StatusOK)
		if list.Total != 1 {
			t.Errorf("%d items after retries, want 1", list.Total)
		}
	})
}

func TestConcurrentEnrollmentOneWinner(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ta := newTestAPI(t, db)
		tokens := []string{ta.login("opa"), ta.login("opb")}
		results := make([]itemOut, 2)
		var wg sync.WaitGroup
		for i, token := range tokens {
			wg.Go(func() {
				w := ta.call("POST", "/api/v1/items", token, enroll(ta.fx.carol, 800_000))
				if w.Code != http.StatusCreated {
					t.Errorf("unit %d: status %d %s", i, w.Code, w.Body)
					return
				}
				results[i] = decode[itemOut](t, w, http.StatusCreated)
			})
		}
		wg.Wait()
		var approved, refused int
		for _, it := range results {
			switch it.Status {
			case "approved":
				approved++
			case "refused":
				refused++
				if len(it.Reasons) == 0 || it.Reasons[0].Code != shebao.ReasonInsuredOtherUnit {
					t.Errorf("loser's reasons = %+v, want %s", it.Reasons, shebao.ReasonInsuredOtherUnit)
				}
			}
		}
		if approved != 1 || refused != 1 {
			t.Errorf("approved %d, refused %d; want one of each: %+v", approved, refused, results)
		}
	})
}

func TestCrossUnitIsolation(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ta := newTestAPI(t, db)
		a, b := ta.login("opa"), ta.login("opb")
		it := decode[itemOut](t, ta.call("POST", "/api/v1/items", a, enroll(ta.fx.alice, 800_000)), http.StatusCreated)
		path := fmt.Sprintf("/api/v1/items/%d", it.ID)
		// Unit B cannot tell unit A's item from one that does not exist.
		notYours := wantError(t, ta.call("GET", path, b, nil), 404, shebao.ReasonNotFound, "")
		missing := wantError(t, ta.call("GET", "/api/v1/items/999999", b, nil), 404, shebao.ReasonNotFound, "")
		if notYours != missing {
			t.Errorf("another unit's item %+v differs from a missing one %+v", notYours, missing)
		}
		for _, q := range []string{"", "?unit_id=" + fmt.Sprint(ta.fx.unitA.ID)} {
			list := decode[itemsOut](t, ta.call("GET", "/api/v1/items"+q, b, nil), http.StatusOK)
			if list.Total != 0 {
				t.Errorf("unit B lists %d items with %q", list.Total, q)
			}
		}
		// Nor act for unit A.
		body := enroll(ta.fx.carol, 800_000)
		body["unit_id"] = ta.fx.unitA.ID
		wantError(t, ta.call("POST", "/api/v1/items", b, body), 403, shebao.ReasonForbidden, "unit_id")
		// Staff name the unit.
		clerk := ta.login("clerk")
		delete(body, "unit_id")
		wantError(t, ta.call("POST", "/api/v1/items/preview", clerk, body), 400, shebao.ReasonRequired, "unit_id")
		decode[itemOut](t, ta.call("GET", path, clerk, nil), http.StatusOK)
	})
}
