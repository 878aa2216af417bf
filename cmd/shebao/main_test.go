package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"shebao/demo"
)

// lockedBuffer is a bytes.Buffer safe for the server goroutine and the test.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

var urlRE = regexp.MustCompile(`shebao demo is running: (http://\S+)`)

// startDemo runs `shebao demo` on port 0 in dir and returns its URL and a
// stop function that waits for a clean shutdown.
func startDemo(t *testing.T, dir string) (string, func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var out lockedBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"demo", "-addr", "127.0.0.1:0", "-data", dir, "-today", "2026-07-08"}, &out, &out)
	}()
	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) {
		if m := urlRE.FindStringSubmatch(out.String()); m != nil {
			return m[1], func() {
				cancel()
				if err := <-done; err != nil {
					t.Errorf("demo exited with %v", err)
				}
			}
		}
		select {
		case err := <-done:
			t.Fatalf("demo exited early: %v\n%s", err, out.String())
		case <-time.After(50 * time.Millisecond):
		}
	}
	cancel()
	t.Fatalf("demo printed no URL:\n%s", out.String())
	return "", nil
}

func call(t *testing.T, method, url, token string, body any, into any) int {
	t.Helper()
	var r io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		r = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, url, r)
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if into != nil {
		_ = json.NewDecoder(resp.Body).Decode(into)
	}
	return resp.StatusCode
}

// TestDemoEndToEnd boots the real program as a new user would, enrolls the
// tour's first person through the API, restarts the program on the same
// data, and finds the item still there.
func TestDemoEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("boots the whole demo district")
	}
	dir := t.TempDir()
	url, stop := startDemo(t, dir)
	var guide demo.Guide
	b, err := os.ReadFile(filepath.Join(dir, "demo-guide.json"))
	if err != nil || json.Unmarshal(b, &guide) != nil {
		t.Fatalf("demo guide: %v", err)
	}
	resp, err := http.Get(url + "/login")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("login page: %v %v", resp, err)
	}
	resp.Body.Close()
	var login struct{ Token string }
	if code := call(t, "POST", url+"/api/v1/login", "", map[string]string{"username": guide.OperatorA, "password": demo.Password}, &login); code != 200 {
		t.Fatalf("login: %d", code)
	}
	var item struct {
		ID      int64
		Receipt string
		Status  string
		Period  string
	}
	code := call(t, "POST", url+"/api/v1/items", login.Token, map[string]any{"type": "enroll", "id_number": guide.Enroll[0], "wage_fen": 800000}, &item)
	if code != 201 || item.Status != "approved" || item.Period != "2026-07" || !strings.HasPrefix(item.Receipt, "SB20260708") {
		t.Fatalf("enroll: %d %+v", code, item)
	}
	stop()

	url, stop = startDemo(t, dir)
	defer stop()
	if code := call(t, "POST", url+"/api/v1/login", "", map[string]string{"username": guide.OperatorA, "password": demo.Password}, &login); code != 200 {
		t.Fatalf("login after restart: %d", code)
	}
	var again struct{ Status, Receipt string }
	if code := call(t, "GET", url+"/api/v1/items/"+strconv.FormatInt(item.ID, 10), login.Token, nil, &again); code != 200 || again.Receipt != item.Receipt {
		t.Fatalf("item after restart: %d %+v", code, again)
	}
}
