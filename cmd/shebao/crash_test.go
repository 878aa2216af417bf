package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"shebao"
	"shebao/demo"
	"shebao/rules"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// childEnv makes the test binary run `shebao` with the arguments in
// childArgs instead of the tests: the crash test's real server process.
const (
	childEnv  = "SHEBAO_TEST_CHILD"
	childArgs = "SHEBAO_TEST_CHILD_ARGS"
)

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) == "1" {
		err := run(context.Background(), strings.Split(os.Getenv(childArgs), "\x1f"), os.Stdout, os.Stderr)
		if err != nil {
			fmt.Fprintln(os.Stderr, "shebao:", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// server is a `shebao serve` process.
type server struct {
	cmd *exec.Cmd
	url string
	log *lockedBuffer
}

// startServer runs `shebao serve` on dbURL in a process of its own and
// waits until it listens.
func startServer(t *testing.T, dbURL string) *server {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"=1", childArgs+"="+strings.Join([]string{"serve", "-db", dbURL,
		"-addr", "127.0.0.1:0", "-today", "2026-07-08"}, "\x1f"))
	s := &server{cmd: cmd, log: &lockedBuffer{}}
	cmd.Stderr = s.log
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.kill() })
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		if u, ok := strings.CutPrefix(sc.Text(), "shebao serving on "); ok {
			s.url = u
			go func() { // keep draining
				for sc.Scan() {
				}
			}()
			return s
		}
	}
	t.Fatalf("the server printed no address:\n%s", s.log.String())
	return nil
}

// kill ends the process with SIGKILL: no shutdown, no flush.
func (s *server) kill() {
	if s.cmd.ProcessState == nil {
		s.cmd.Process.Kill()
		s.cmd.Wait()
	}
}

// crashDistrict is a demo district with n more persons registered with
// unit A the month before, ready to enroll, and their ID numbers.
func crashDistrict(t *testing.T, dbURL string, n int) (demo.Guide, []string) {
	t.Helper()
	ctx := t.Context()
	db := migrated(t, dbURL)
	defer db.Close()
	g, err := demo.Load(ctx, db, shebao.FixedDayClock{Day: shebao.NewDate(2026, 7, 8)}, demo.Size{Units: 0, PeoplePerUnit: 3, HistoryMonths: 1}, 4)
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]string, n)
	err = db.InTx(ctx, func(tx shebao.Tx) error {
		u, err := tx.UnitByCreditCode(ctx, g.UnitACode)
		if err != nil {
			return err
		}
		for i := range ids {
			first17 := fmt.Sprintf("110105%04d0101%03d", 1980+i/900, i%900+100)
			ids[i] = first17 + string(rules.IDCheckChar(first17))
			p := shebao.Person{IDNumber: ids[i], Name: "崩溃" + strconv.Itoa(i), Sex: shebao.Female, BirthDate: shebao.NewDate(1980+i/900, 1, 1)}
			if err := tx.CreatePerson(ctx, &p); err != nil {
				return err
			}
			r := shebao.Registration{SourceID: "CRASH-" + ids[i], PersonID: p.ID, UnitID: u.ID,
				Start: shebao.NewDate(2026, 6, 1), RegisteredOn: shebao.NewDate(2026, 6, 1)}
			if err := tx.PutRegistration(ctx, &r); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return g, ids
}

// TestCrash kills a real `shebao serve` with SIGKILL twice, on both
// databases: during a burst of API submissions, and during a batch apply.
// After the restarts every item acknowledged (201) is there, approved, with
// its coverages and audit entry, the batch has finished by itself with one
// item a row, and the audit chain verifies.
func TestCrash(t *testing.T) {
	for _, dialect := range []string{sqldb.SQLite, sqldb.Postgres} {
		t.Run(dialect, func(t *testing.T) {
			const burst, batchRows = 40, 250
			dbURL := sqldbtest.URL(t, dialect)
			g, ids := crashDistrict(t, dbURL, burst+batchRows)

			srv := startServer(t, dbURL)
			acked := submitBurst(t, srv, g, ids[:burst])
			srv = startServer(t, dbURL)
			batchID := crashBatch(t, srv, g, dbURL, ids[burst:])
			srv = startServer(t, dbURL) // resumes the batch by itself
			waitApplied(t, srv, g, batchID)
			srv.kill()

			db, err := sqldb.Open(t.Context(), dbURL)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			checkAcked(t, db, acked)
			checkBatch(t, db, batchID, batchRows)
			if c, err := db.VerifyAudit(t.Context()); err != nil || !c.OK() {
				t.Errorf("audit chain after the crashes: %+v %v", c, err)
			}
		})
	}
}

// submitBurst sends enrollments of ids from 8 clients at once and kills
// the server once 10 are acknowledged; it returns the acknowledged items by
// ID number.
func submitBurst(t *testing.T, srv *server, g demo.Guide, ids []string) map[string]int64 {
	t.Helper()
	token := apiLogin(t, srv, g.OperatorA)
	var mu sync.Mutex
	acked := map[string]int64{}
	next := make(chan string, len(ids))
	for _, id := range ids {
		next <- id
	}
	close(next)
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for id := range next {
				var it struct{ ID int64 }
				code, err := apiCall(srv, "POST", "/api/v1/items", token, `{"type":"enroll","id_number":"`+id+`","wage_fen":800000}`, &it, "Idempotency-Key", "crash-"+id)
				if err != nil {
					return // the server is gone
				}
				if code != http.StatusCreated {
					t.Errorf("enroll %s: %d", id, code)
					continue
				}
				mu.Lock()
				acked[id] = it.ID
				n := len(acked)
				mu.Unlock()
				if n == 10 {
					srv.kill() // kill -9 in the middle of the burst
				}
			}
		}()
	}
	wg.Wait()
	srv.kill()
	if len(acked) < 10 {
		t.Fatalf("%d acknowledged before the kill:\n%s", len(acked), srv.log.String())
	}
	return acked
}

// crashBatch stores a checked batch of enrollments of ids for unit A,
// applies it through the API and kills the server once some rows are done
// and before the last; it returns the batch's id.
func crashBatch(t *testing.T, srv *server, g demo.Guide, dbURL string, ids []string) int64 {
	t.Helper()
	db, err := sqldb.Open(t.Context(), dbURL)
	if err != nil {
		t.Fatal(err)
	}
	var b shebao.Batch
	err = db.InTx(t.Context(), func(tx shebao.Tx) error {
		acc, err := tx.AccountByUsername(t.Context(), g.OperatorA)
		if err != nil {
			return err
		}
		b = shebao.Batch{UnitID: acc.UnitID, Kind: shebao.BatchEnroll, FileName: "crash.xlsx", Status: shebao.BatchChecked,
			Rows: len(ids), OK: len(ids), CreatedAt: time.Now(), CreatedBy: acc.ID, UpdatedAt: time.Now()}
		rows := make([]shebao.BatchRow, len(ids))
		for i, id := range ids {
			rows[i] = shebao.BatchRow{Row: i + 2, IDNumber: id, Name: "崩溃", Type: shebao.ItemEnroll, Wage: 800000, Outcome: shebao.RowOK}
		}
		return tx.InsertBatch(t.Context(), &b, []byte("PK"), rows)
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	token := apiLogin(t, srv, g.OperatorA)
	path := "/api/v1/batches/" + strconv.FormatInt(b.ID, 10)
	if code, err := apiCall(srv, "POST", path+"/apply", token, "", nil); err != nil || code != http.StatusAccepted {
		t.Fatalf("apply: %d %v", code, err)
	}
	for {
		var st struct {
			Status string
			Done   int
		}
		if code, err := apiCall(srv, "GET", path, token, "", &st); err != nil || code != http.StatusOK {
			t.Fatalf("batch: %d %v", code, err)
		}
		if st.Status == "applied" {
			t.Log("the batch was applied before the kill: resume not exercised")
			break
		}
		if st.Done > 0 {
			break
		}
	}
	srv.kill() // kill -9 in the middle of the apply
	return b.ID
}

// waitApplied polls the batch until the restarted server has applied it.
func waitApplied(t *testing.T, srv *server, g demo.Guide, id int64) {
	t.Helper()
	token := apiLogin(t, srv, g.OperatorA)
	deadline := time.Now().Add(2 * time.Minute) // a bound on waiting, not a timed assertion
	for time.Now().Before(deadline) {
		var st struct{ Status string }
		if code, err := apiCall(srv, "GET", "/api/v1/batches/"+strconv.FormatInt(id, 10), token, "", &st); err != nil || code != http.StatusOK {
			t.Fatalf("batch: %d %v", code, err)
		}
		if st.Status == "applied" {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("the batch did not finish after the restart:\n%s", srv.log.String())
}

func checkAcked(t *testing.T, db *sqldb.DB, acked map[string]int64) {
	t.Helper()
	err := db.View(t.Context(), func(tx shebao.Tx) error {
		for id, itemID := range acked {
			it, err := tx.Item(t.Context(), itemID)
			if err != nil || it.Status != shebao.StatusApproved || it.IDNumber != id {
				t.Errorf("acknowledged item %d of %s: %+v %v", itemID, id, it.Status, err)
				continue
			}
			if err := checkCovered(t, tx, it); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// checkCovered checks that the item's person has active coverages at its
// unit and that the item has its audit entry.
func checkCovered(t *testing.T, tx shebao.Tx, it shebao.Item) error {
	cs, err := tx.Coverages(t.Context(), it.PersonID)
	if err != nil {
		return err
	}
	active := 0
	for _, c := range cs {
		if c.UnitID == it.UnitID && c.Status == shebao.CoverageActive {
			active++
		}
	}
	if active != len(shebao.Insurances) {
		t.Errorf("item %d: %d active coverages, want %d", it.ID, active, len(shebao.Insurances))
	}
	rows, _, err := tx.AuditRows(t.Context(), shebao.AuditFilter{PersonID: it.PersonID, Action: "item.", Limit: 10})
	if err != nil {
		return err
	}
	for _, r := range rows {
		if r.ItemID == it.ID {
			return nil
		}
	}
	t.Errorf("item %d has no audit entry", it.ID)
	return nil
}

func checkBatch(t *testing.T, db *sqldb.DB, id int64, n int) {
	t.Helper()
	err := db.View(t.Context(), func(tx shebao.Tx) error {
		b, err := tx.Batch(t.Context(), id)
		if err != nil {
			return err
		}
		if b.Status != shebao.BatchApplied || b.Applied != n {
			t.Errorf("batch after restart: %s, %d of %d applied", b.Status, b.Applied, n)
		}
		rows, err := tx.BatchRows(t.Context(), id)
		if err != nil {
			return err
		}
		seen := map[int64]bool{}
		for _, r := range rows {
			if r.Outcome != shebao.RowApplied || seen[r.ItemID] {
				t.Errorf("row %d: %s item %d", r.Row, r.Outcome, r.ItemID)
				continue
			}
			seen[r.ItemID] = true
			it, err := tx.Item(t.Context(), r.ItemID)
			if err != nil {
				return err
			}
			if err := checkCovered(t, tx, it); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func apiLogin(t *testing.T, srv *server, username string) string {
	t.Helper()
	var out struct{ Token string }
	code, err := apiCall(srv, "POST", "/api/v1/login", "", `{"username":"`+username+`","password":"`+demo.Password+`"}`, &out)
	if err != nil || code != http.StatusOK {
		t.Fatalf("login %s: %d %v", username, code, err)
	}
	return out.Token
}

// apiCall sends one request; err is a transport error (the server gone).
func apiCall(srv *server, method, path, token, body string, into any, headers ...string) (int, error) {
	req, err := http.NewRequest(method, srv.url+path, strings.NewReader(body))
	if err != nil {
		return 0, err
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	if into != nil {
		err = json.NewDecoder(resp.Body).Decode(into)
	}
	return resp.StatusCode, err
}
