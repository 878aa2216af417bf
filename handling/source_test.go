package handling_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"shebao"
	"shebao/employment"
	"shebao/handling"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// TestRemoteEmploymentSource runs the engine against the employment service
// itself (employment.Remote on an HTTP server): its answer, not shebao's
// copy, decides; and when it does not answer, nothing is written.
func TestRemoteEmploymentSource(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		s, g, opA, _ := district(t, db)
		ctx := context.Background()
		unitA, err := s.Unit(ctx, opA, opA.UnitID)
		if err != nil {
			t.Fatal(err)
		}
		hang := make(chan struct{})
		defer close(hang)
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			switch id := r.URL.Query().Get("id_number"); id {
			case g.NoRegistration: // registered with A at the source, not yet in shebao's copy
				json.NewEncoder(w).Encode([]employment.RegistrationJSON{{SourceID: "REMOTE-1", IDNumber: id, Name: "x",
					CreditCode: unitA.CreditCode, Start: "2026-06-01", RegisteredOn: "2026-06-01"}})
			case g.Enroll[0]: // terminated at the source since shebao's copy was made
				json.NewEncoder(w).Encode([]employment.RegistrationJSON{})
			default:
				select {
				case <-r.Context().Done():
				case <-hang:
				}
			}
		}))
		defer srv.Close()
		s.Employment = &employment.Remote{BaseURL: srv.URL, Timeout: 200 * time.Millisecond, Client: srv.Client(), Store: db, Clock: s.Clock}

		if it := submit(t, s, opA, handling.Request{Type: shebao.ItemEnroll, IDNumber: g.NoRegistration, Wage: 800000}); it.Status != shebao.StatusApproved {
			t.Errorf("registered at the source: %s %v, want approved", it.Status, it.Reasons)
		}
		if it := submit(t, s, opA, handling.Request{Type: shebao.ItemEnroll, IDNumber: g.Enroll[0], Wage: 800000}); it.Status != shebao.StatusRefused || it.Reasons[0] != shebao.ReasonNoRegistration {
			t.Errorf("not registered at the source: %s %v, want %s", it.Status, it.Reasons, shebao.ReasonNoRegistration)
		}
		_, n, _ := s.Items(ctx, opA, shebao.ItemFilter{})
		_, err = s.Submit(ctx, opA, handling.Request{Type: shebao.ItemEnroll, IDNumber: g.Enroll[1], Wage: 800000})
		if e := shebao.AsError(err); e.Code != shebao.EREFUSED || e.Reason != employment.ReasonUnavailable {
			t.Fatalf("source hangs: %v, want %s", err, employment.ReasonUnavailable)
		}
		if _, after, _ := s.Items(ctx, opA, shebao.ItemFilter{}); after != n {
			t.Errorf("an unanswered request wrote %d items", after-n)
		}
	})
}
