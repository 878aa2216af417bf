package employment_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"shebao"
	"shebao/employment"
	"shebao/i18n"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

func TestRemoteAnswers(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		_, unit := newService(t, db)
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path != "/registrations" || r.Header.Get("Authorization") != "Bearer k" {
				http.Error(w, "no", http.StatusForbidden)
				return
			}
			if r.URL.Query().Get("id_number") != idNumber(1) {
				http.NotFound(w, r)
				return
			}
			json.NewEncoder(w).Encode([]employment.RegistrationJSON{
				{SourceID: "R-1", IDNumber: idNumber(1), Name: "张三", CreditCode: unit.CreditCode, Start: "2026-06-01", RegisteredOn: "2026-06-02"},
				{SourceID: "R-2", IDNumber: idNumber(1), Name: "张三", CreditCode: unit.CreditCode, Start: "2026-01-01", RegisteredOn: "2026-01-01", End: "2026-05-31"},
				{SourceID: "R-3", IDNumber: idNumber(1), Name: "张三", CreditCode: creditCode(t, 9), Start: "2026-06-01", RegisteredOn: "2026-06-02"},
			})
		}))
		defer srv.Close()
		remote := &employment.Remote{BaseURL: srv.URL + "/", Token: "k", Timeout: time.Second, Client: srv.Client(),
			Store: db, Clock: fixedClock(now)}
		regs, err := remote.Registrations(t.Context(), idNumber(1))
		if err != nil {
			t.Fatal(err)
		}
		diff(t, "registrations", regs, []shebao.Registration{
			{SourceID: "R-1", UnitID: unit.ID, Start: 20260601, RegisteredOn: 20260602},
			{SourceID: "R-2", UnitID: unit.ID, Start: 20260101, RegisteredOn: 20260101, End: 20260531},
		})
		regs, err = remote.Registrations(t.Context(), idNumber(2))
		if err != nil || len(regs) != 0 {
			t.Errorf("unknown person: %v, %v", regs, err)
		}
	})
}

// TestRemoteTimeout: a service that hangs past the deadline is unavailable,
// with a message for people, and nothing is written.
func TestRemoteTimeout(t *testing.T) {
	db := sqldbtest.Open(t, sqldb.SQLite)
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	defer srv.Close()
	defer close(release)
	remote := &employment.Remote{BaseURL: srv.URL, Timeout: 100 * time.Millisecond, Client: srv.Client(),
		Store: db, Clock: fixedClock(now)}
	start := time.Now()
	regs, err := remote.Registrations(t.Context(), idNumber(1))
	if elapsed := time.Since(start); elapsed > 2*time.Second {
		t.Errorf("waited %v for a 100ms deadline", elapsed)
	}
	wantCode(t, err, shebao.EREFUSED, employment.ReasonUnavailable)
	if regs != nil {
		t.Errorf("registrations = %v", regs)
	}
	if msg := i18n.Error(i18n.ZH, err); msg != i18n.T(i18n.ZH, "reason."+employment.ReasonUnavailable) || !i18n.Has("reason."+employment.ReasonUnavailable) {
		t.Errorf("message = %q", msg)
	}
	err = db.View(t.Context(), func(tx shebao.Tx) error {
		_, err := tx.PersonByIDNumber(t.Context(), idNumber(1))
		if shebao.ErrorCode(err) != shebao.ENOTFOUND {
			t.Errorf("a person was written: %v", err)
		}
		reps, err := tx.ImportReports(t.Context(), "", 10)
		if len(reps) != 0 {
			t.Errorf("reports written: %v", reps)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestRemoteErrorStatus(t *testing.T) {
	db := sqldbtest.Open(t, sqldb.SQLite)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "maintenance", http.StatusServiceUnavailable)
	}))
	defer srv.Close()
	remote := &employment.Remote{BaseURL: srv.URL, Client: srv.Client(), Store: db}
	_, err := remote.Registrations(t.Context(), idNumber(1))
	wantCode(t, err, shebao.EREFUSED, employment.ReasonUnavailable)
}
