// Package session keeps who is logged in, for the web pages (a cookie) and
// the JSON API (a bearer token), on top of scs with the sessions table of
// package sqldb as its store. A session is made at login only, and is of
// one kind: a page session's cookie is no bearer token and an API token is
// no page cookie. It records its account's generation at login, which
// auth.Service.Current compares with the account's on every request: the
// account as stored now is read with the session, by one statement of the
// Store (store.go). Sessions expire after a lifetime and after
// an idle time; kiosk sessions, on the shared PCs in the office's hall, have
// a much shorter idle time.
//
// A request that only reads writes nothing: the time a session was last
// seen is stored again only when it is a minute old, or a quarter of the
// session's idle time when that is shorter, so a session is written at most
// once a minute (scs's own idle timeout, which rewrites the session on every
// request, is off; Actor applies the idle times). The idle logout therefore
// happens between idle−granularity and idle after the last request: a kiosk
// session (3 minutes idle) ends 2¼ to 3 minutes after its last use, an
// online one 29 to 30 minutes after (docs/SECURITY.md). The kiosk's page
// script reports activity with Touch, which stores the time exactly.
package session

import (
	"context"
	"net/http"
	"time"

	"github.com/alexedwards/scs/v2"

	"shebao"
)

// Keys of the values a session holds.
const (
	keyAccount  = "account_id"
	keyRole     = "role"
	keyUnit     = "unit_id"
	keyUsername = "username"
	keyChannel  = "channel"
	keyTerminal = "terminal"
	keySeen     = "seen" // unix seconds of the last request, refreshed at most once a Refresh, for the idle rules
	keyCSRF     = "csrf"
	keyKind     = "kind"
	keyGen      = "generation"
)

// Kind is what a session authenticates: pages or the API.
type Kind string

// Kinds of sessions.
const (
	Page   Kind = "page" // the pages' cookie
	Bearer Kind = "api"  // the API's bearer token
)

// Refresh is how stale a session's last-seen time may get before a
// request stores it again: the granularity of the idle logout, or a quarter
// of the idle time when that is shorter (Manager.refresh).
const Refresh = time.Minute

// Manager manages sessions.
type Manager struct {
	*scs.SessionManager
	Clock     shebao.Clock
	Idle      time.Duration // idle logout online
	KioskIdle time.Duration // idle logout on kiosk terminals
}

// Config sets a Manager's lifetimes.
type Config struct {
	Store     Store         // package sqldb's SessionStore
	Lifetime  time.Duration // absolute lifetime; 8 hours when 0
	Idle      time.Duration // idle timeout for online sessions; 30 minutes when 0
	KioskIdle time.Duration // idle timeout on kiosk terminals; 3 minutes when 0
	Secure    bool          // cookies only over HTTPS
	Clock     shebao.Clock
}

// New returns a Manager.
func New(c Config) *Manager {
	sm := scs.New()
	sm.Store = store{c.Store}
	sm.Codec = codec{}
	sm.Lifetime = orDefault(c.Lifetime, 8*time.Hour)
	sm.IdleTimeout = 0 // Actor applies the idle times, without a write on every request
	sm.Cookie.Name = "shebao_session"
	sm.Cookie.HttpOnly = true
	sm.Cookie.SameSite = http.SameSiteLaxMode
	sm.Cookie.Secure = c.Secure
	return &Manager{SessionManager: sm, Clock: c.Clock,
		Idle: orDefault(c.Idle, 30*time.Minute), KioskIdle: orDefault(c.KioskIdle, 3*time.Minute)}
}

func orDefault(d, def time.Duration) time.Duration {
	if d > 0 {
		return d
	}
	return def
}

// Login starts a new session of a kind (a new token, against session
// fixation) for an account on a channel and terminal. After a password
// change it moves the session to the account's new generation.
func (m *Manager) Login(ctx context.Context, a shebao.Account, ch shebao.Channel, terminal string, kind Kind) error {
	if err := m.RenewToken(ctx); err != nil {
		return err
	}
	m.Put(ctx, keyKind, string(kind))
	m.Put(ctx, keyGen, a.Generation)
	m.Put(ctx, keyAccount, a.ID)
	m.Put(ctx, keyRole, string(a.Role))
	m.Put(ctx, keyUnit, a.UnitID)
	m.Put(ctx, keyUsername, a.Username)
	m.Put(ctx, keyChannel, string(ch))
	m.Put(ctx, keyTerminal, terminal)
	m.Put(ctx, keySeen, m.Clock.Now().Unix())
	m.Remove(ctx, keyCSRF) // a new session gets a new form token
	return nil
}

// Logout ends the session.
func (m *Manager) Logout(ctx context.Context) error { return m.Destroy(ctx) }

// LoggedIn reports whether the session has a login (without touching it).
func (m *Manager) LoggedIn(ctx context.Context) bool { return m.GetInt64(ctx, keyAccount) != 0 }

// Live is a live session as a request found it: who it acts as, as
// recorded at login; the account's generation at login; and the account as
// stored now, read with the session by one statement (Store.FindAccount).
// auth.Service.Current makes of it what the request acts as.
type Live struct {
	Actor      shebao.Actor
	Generation int64
	Account    shebao.Account // zero when the session was not read from the Store in this request; only the fields Store.FindAccount reads
}

// Actor returns the live session of the given kind in ctx, and false when
// nobody is logged in, the session is of the other kind, or it has been
// idle too long (it is then destroyed). A live session's last-seen time is
// set to now when it is Refresh old or older (the session is then Modified
// and its caller commits it); otherwise the session is left untouched.
func (m *Manager) Actor(ctx context.Context, kind Kind) (Live, bool) {
	id := m.GetInt64(ctx, keyAccount)
	if id == 0 || Kind(m.GetString(ctx, keyKind)) != kind {
		return Live{}, false
	}
	a := shebao.Actor{
		AccountID: id,
		Username:  m.GetString(ctx, keyUsername),
		Role:      shebao.Role(m.GetString(ctx, keyRole)),
		UnitID:    m.GetInt64(ctx, keyUnit),
		Channel:   shebao.Channel(m.GetString(ctx, keyChannel)),
		Terminal:  m.GetString(ctx, keyTerminal),
	}
	now := m.Clock.Now()
	idle := now.Sub(time.Unix(m.GetInt64(ctx, keySeen), 0))
	if idle > m.idle(a) {
		_ = m.Destroy(ctx)
		return Live{}, false
	}
	if idle >= m.refresh(a) {
		m.Put(ctx, keySeen, now.Unix())
	}
	return Live{Actor: a, Generation: m.GetInt64(ctx, keyGen), Account: foundIn(ctx)}, true
}

// refresh is how old a's last-seen time may get before a request stores it
// again: Refresh, or a quarter of a's idle time when that is shorter.
func (m *Manager) refresh(a shebao.Actor) time.Duration {
	return min(Refresh, m.idle(a)/4)
}

// Touch stores now as the session's last-seen time: someone is using it
// (the kiosk's script reports key and pointer activity), so its idle clock
// starts again exactly. The caller commits the session.
func (m *Manager) Touch(ctx context.Context) {
	m.Put(ctx, keySeen, m.Clock.Now().Unix())
}

// idle is the idle time after which a's session ends.
func (m *Manager) idle(a shebao.Actor) time.Duration {
	if a.Terminal != "" {
		return m.KioskIdle
	}
	return m.Idle
}

// IdleTime is how long a session on the terminal ("" online) may be idle.
func (m *Manager) IdleTime(terminal string) time.Duration {
	return m.idle(shebao.Actor{Terminal: terminal})
}

// Modified reports whether the session in ctx has changes to store.
func (m *Manager) Modified(ctx context.Context) bool { return m.Status(ctx) == scs.Modified }

// CSRFToken returns the session's token for forms, making one if needed.
// Every form carries it and every POST is checked against it (in addition
// to net/http's cross-origin protection).
func (m *Manager) CSRFToken(ctx context.Context, newToken func() string) string {
	t := m.GetString(ctx, keyCSRF)
	if t == "" {
		t = newToken()
		m.Put(ctx, keyCSRF, t)
	}
	return t
}

// Bearer loads the session of an API bearer token, with its account as
// stored now, into ctx.
func (m *Manager) Bearer(ctx context.Context, token string) (context.Context, error) {
	return m.Load(withFound(ctx), token)
}

// LoadAndSave is scs's middleware (the pages' cookie), loading the
// session with its account as stored now.
func (m *Manager) LoadAndSave(next http.Handler) http.Handler {
	inner := m.SessionManager.LoadAndSave(next)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, err := r.Cookie(m.Cookie.Name); err == nil {
			r = r.WithContext(withFound(r.Context()))
		}
		inner.ServeHTTP(w, r)
	})
}
