package demotest

import (
	"log/slog"
	"strings"
	"testing"

	"shebao"
	"shebao/services"
	"shebao/sqldb"
)

// Services builds the system's services over db on clock through the same
// function as the running system (services.New): the same review hooks,
// the same batch runner. Passwords hash at bcrypt cost 4; warnings and
// errors go to the test's log. Batches still running when the test ends
// are waited for before the database closes.
func Services(t testing.TB, db *sqldb.DB, clock shebao.Clock) *services.Set {
	t.Helper()
	log := slog.New(slog.NewTextHandler(testLog{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))
	s, err := services.New(services.Config{DB: db, Clock: clock, Log: log, HashCost: 4})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Wait)
	return s
}

// testLog sends the services' log to the test's log.
type testLog struct{ t testing.TB }

func (w testLog) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}
