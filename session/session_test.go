package session_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"shebao"
	"shebao/session"
)

type stepClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *stepClock) Now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *stepClock) add(d time.Duration) { c.mu.Lock(); c.now = c.now.Add(d); c.mu.Unlock() }

// countingStore is a session.Store in memory that counts the writes of
// sessions; its one account is acc.
type countingStore struct {
	rows    map[string]row
	acc     shebao.Account
	commits int
}

type row struct {
	data      []byte
	expiry    time.Time
	accountID int64
}

func (s *countingStore) FindAccount(_ context.Context, token string) ([]byte, shebao.Account, bool, error) {
	r, ok := s.rows[token]
	if !ok || !r.expiry.After(time.Now()) || r.accountID != s.acc.ID {
		return nil, shebao.Account{}, false, nil
	}
	return r.data, s.acc, true, nil
}

func (s *countingStore) CommitAccount(_ context.Context, token string, b []byte, expiry time.Time, accountID int64) error {
	s.commits++
	s.rows[token] = row{b, expiry, accountID}
	return nil
}

func (s *countingStore) DeleteCtx(_ context.Context, token string) error {
	delete(s.rows, token)
	return nil
}

// user logs in on a terminal ("" online) and makes requests as a handler
// does: load the session, ask for its actor, commit it only if modified.
type user struct {
	t     *testing.T
	m     *session.Manager
	store *countingStore
	token string
}

func login(t *testing.T, terminal string) (*user, *stepClock) {
	t.Helper()
	clock := &stepClock{now: time.Date(2026, 7, 8, 9, 0, 0, 0, shebao.Office)}
	acc := shebao.Account{ID: 7, Username: "hr_a", Role: shebao.RoleOperator, UnitID: 1, Generation: 1}
	store := &countingStore{rows: map[string]row{}, acc: acc}
	m := session.New(session.Config{Store: store, Clock: clock})
	ctx, err := m.Load(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	ch := shebao.Online
	if terminal != "" {
		ch = shebao.SelfService
	}
	if err := m.Login(ctx, acc, ch, terminal, session.Bearer); err != nil {
		t.Fatal(err)
	}
	token, _, err := m.Commit(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return &user{t: t, m: m, store: store, token: token}, clock
}

// request reports whether the session was live, and whether the request
// wrote it.
func (u *user) request() (live, wrote bool) {
	u.t.Helper()
	before := u.store.commits
	ctx, err := u.m.Bearer(context.Background(), u.token)
	if err != nil {
		u.t.Fatal(err)
	}
	_, live = u.m.Actor(ctx, session.Bearer)
	if live && u.m.Modified(ctx) {
		if _, _, err := u.m.Commit(ctx); err != nil {
			u.t.Fatal(err)
		}
	}
	return live, u.store.commits > before
}

// TestReadsWriteNoSession: requests within a minute of the last refresh
// write nothing; the first one a minute later writes once.
func TestReadsWriteNoSession(t *testing.T) {
	u, clock := login(t, "")
	for i := 0; i < 5; i++ {
		clock.add(10 * time.Second)
		if live, wrote := u.request(); !live || wrote {
			t.Fatalf("request %d, %ds after login: live %v, wrote %v", i, 10*(i+1), live, wrote)
		}
	}
	clock.add(10 * time.Second) // a minute after login
	if live, wrote := u.request(); !live || !wrote {
		t.Fatalf("a minute after login: live %v, wrote %v (want a refresh)", live, wrote)
	}
	if live, wrote := u.request(); !live || wrote {
		t.Fatalf("just after the refresh: live %v, wrote %v", live, wrote)
	}
}

// TestKioskIdleWithinRefresh: a kiosk session used every 50 seconds stays
// logged in; left alone it ends within the 3 idle minutes, no earlier than
// one refresh before them.
func TestKioskIdleWithinRefresh(t *testing.T) {
	u, clock := login(t, "HALL-01")
	for i := 0; i < 12; i++ { // 10 minutes of use
		clock.add(50 * time.Second)
		if live, _ := u.request(); !live {
			t.Fatalf("kiosk session ended while in use, after %ds", 50*(i+1))
		}
	}
	clock.add(3*time.Minute - session.Refresh) // the earliest the idle logout may come
	if live, _ := u.request(); !live {
		t.Fatal("kiosk session ended before 3 minutes minus the refresh granularity")
	}
	u, clock = login(t, "HALL-01")
	clock.add(3*time.Minute + time.Second)
	if live, _ := u.request(); live {
		t.Fatal("kiosk session alive after 3 idle minutes")
	}
	if live, _ := u.request(); live {
		t.Fatal("kiosk session alive again after its idle logout")
	}
}

// TestOnlineIdle: an online session outlives the kiosk's idle time and
// ends after 30 idle minutes.
func TestOnlineIdle(t *testing.T) {
	u, clock := login(t, "")
	clock.add(10 * time.Minute)
	if live, _ := u.request(); !live {
		t.Fatal("online session ended after 10 minutes")
	}
	clock.add(30*time.Minute + time.Second)
	if live, _ := u.request(); live {
		t.Fatal("online session alive after 30 idle minutes")
	}
}

// TestLiveAccount: a session's writes store the account it is logged in as,
// taken from its data; a request gets the account its lookup read with the
// session (Bearer), and none for a session not read so (auth.Current then
// refuses it).
func TestLiveAccount(t *testing.T) {
	u, _ := login(t, "")
	if id := u.store.rows[u.token].accountID; id != 7 {
		t.Errorf("stored account id %d, want 7", id)
	}
	ctx, err := u.m.Bearer(context.Background(), u.token)
	if err != nil {
		t.Fatal(err)
	}
	if live, ok := u.m.Actor(ctx, session.Bearer); !ok || live.Account.ID != 7 || live.Generation != 1 {
		t.Errorf("Bearer: %+v, %v", live, ok)
	}
	ctx, err = u.m.Load(context.Background(), u.token) // scs's own load: no account read
	if err != nil {
		t.Fatal(err)
	}
	if live, ok := u.m.Actor(ctx, session.Bearer); !ok || live.Account.ID != 0 {
		t.Errorf("Load: %+v, %v; want the session without an account", live, ok)
	}
}
