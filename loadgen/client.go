package loadgen

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
)

// client speaks shebao's JSON API as one logged-in operator.
type client struct {
	hc      *http.Client
	base    string   // the server's URL, without a trailing slash
	token   string   // the bearer token of its login
	unitID  int64    // the operator's unit (0 for staff)
	persons []string // ID numbers of its unit's roster, to preview and submit for
	next    atomic.Uint64
}

// login logs username in and reads the unit's roster (both untimed).
func login(ctx context.Context, hc *http.Client, base, username, password string) (*client, error) {
	c, err := signIn(ctx, hc, base, username, password)
	if err != nil {
		return nil, err
	}
	var roster struct {
		Entries []struct {
			IDNumber string `json:"id_number"`
		} `json:"entries"`
	}
	if err := c.do(ctx, http.MethodGet, "/api/v1/roster?limit=100", nil, nil, &roster); err != nil {
		return nil, fmt.Errorf("roster of %s: %w", username, err)
	}
	for _, e := range roster.Entries {
		c.persons = append(c.persons, e.IDNumber)
	}
	if len(c.persons) == 0 {
		return nil, fmt.Errorf("%s: the unit's roster is empty: nobody to preview or submit for", username)
	}
	return c, nil
}

// signIn logs username in on the server at base (untimed).
func signIn(ctx context.Context, hc *http.Client, base, username, password string) (*client, error) {
	c := &client{hc: hc, base: strings.TrimRight(base, "/")}
	var s struct {
		Token   string `json:"token"`
		Account struct {
			UnitID int64 `json:"unit_id"`
		} `json:"account"`
	}
	body := map[string]string{"username": username, "password": password}
	if err := c.do(ctx, http.MethodPost, "/api/v1/login", body, nil, &s); err != nil {
		return nil, fmt.Errorf("login %s: %w", username, err)
	}
	c.token, c.unitID = s.Token, s.Account.UnitID
	return c, nil
}

// run makes one request of an operation. A preview or submission is an
// enrollment of a person of the roster (refused, as the person is insured:
// the engine reads and decides all the same, and a submission writes its
// refused item durably) with a new idempotency key for each submission.
func (c *client) run(ctx context.Context, op Op) error {
	switch op {
	case OpPreview, OpSubmit:
		id := c.persons[(c.next.Add(1)-1)%uint64(len(c.persons))]
		body := map[string]any{"type": "enroll", "id_number": id, "wage_fen": 900000}
		if op == OpPreview {
			return c.do(ctx, http.MethodPost, "/api/v1/items/preview", body, nil, nil)
		}
		return c.do(ctx, http.MethodPost, "/api/v1/items", body, map[string]string{"Idempotency-Key": rand.Text()}, nil)
	case OpItems:
		return c.do(ctx, http.MethodGet, "/api/v1/items?limit=20", nil, nil, nil)
	case OpBill:
		return c.do(ctx, http.MethodGet, "/api/v1/bill", nil, nil, nil)
	case OpPage:
		return c.do(ctx, http.MethodGet, "/", nil, nil, nil)
	}
	return fmt.Errorf("unknown operation %q", op)
}

// do sends a request and decodes a 2xx answer into out (when not nil); any
// other status is an error.
func (c *client) do(ctx context.Context, method, path string, body any, header map[string]string, out any) error {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, rd)
	if err != nil {
		return err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 300))
		return fmt.Errorf("%s %s: %s: %s", method, path, resp.Status, bytes.TrimSpace(b))
	}
	if out != nil {
		return json.NewDecoder(resp.Body).Decode(out)
	}
	_, err = io.Copy(io.Discard, resp.Body)
	return err
}
