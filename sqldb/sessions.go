package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// SessionStore keeps web sessions in the sessions table. It implements the
// Store and CtxStore interfaces of github.com/alexedwards/scs/v2.
type SessionStore struct {
	db    *sql.DB          // the writer
	read  *sql.DB          // the readers: finding a session waits for no writer
	cache *stmtCache       // the readers' prepared statements (SQLite; nil on PostgreSQL)
	now   func() time.Time // the clock that decides expiry; time.Now
}

// SessionStore returns the session store over db.
func (db *DB) SessionStore() *SessionStore {
	return &SessionStore{db: db.write, read: db.read, cache: db.stmts[db.read], now: time.Now}
}

// Find returns the data of an unexpired session; found is false when there
// is none.
func (s *SessionStore) Find(token string) ([]byte, bool, error) {
	return s.FindCtx(context.Background(), token)
}

// Commit stores a session's data and expiry, replacing any earlier data.
func (s *SessionStore) Commit(token string, b []byte, expiry time.Time) error {
	return s.CommitCtx(context.Background(), token, b, expiry)
}

// Delete removes a session; deleting a missing one is not an error.
func (s *SessionStore) Delete(token string) error {
	return s.DeleteCtx(context.Background(), token)
}

// qFindSession reads a session by its primary key.
const qFindSession = `SELECT data FROM sessions WHERE token = $1 AND expiry > $2`

// FindCtx is Find with a context. Every authenticated request runs it: on
// SQLite it runs prepared (stmtcache.go).
func (s *SessionStore) FindCtx(ctx context.Context, token string) ([]byte, bool, error) {
	var b []byte
	err := s.cache.queryRow(ctx, s.read, func(r *sql.Row) error { return r.Scan(&b) }, qFindSession, token, micros(s.now()))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, dbError("find session", err)
	}
	return b, true, nil
}

// CommitCtx is Commit with a context.
func (s *SessionStore) CommitCtx(ctx context.Context, token string, b []byte, expiry time.Time) error {
	if b == nil {
		b = []byte{}
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO sessions (token, data, expiry) VALUES ($1, $2, $3)
		ON CONFLICT (token) DO UPDATE SET data = excluded.data, expiry = excluded.expiry`,
		token, b, micros(expiry))
	return dbError("commit session", err)
}

// DeleteCtx is Delete with a context.
func (s *SessionStore) DeleteCtx(ctx context.Context, token string) error {
	_, err := s.db.ExecContext(ctx, `DELETE FROM sessions WHERE token = $1`, token)
	return dbError("delete session", err)
}

// DeleteExpired removes every session expired at now and returns how many
// it removed. Run it now and then (e.g. hourly): Find ignores expired
// sessions anyway.
func (s *SessionStore) DeleteExpired(ctx context.Context, now time.Time) (int, error) {
	res, err := s.db.ExecContext(ctx, `DELETE FROM sessions WHERE expiry <= $1`, micros(now))
	if err != nil {
		return 0, dbError("delete expired sessions", err)
	}
	n, err := res.RowsAffected()
	return int(n), dbError("delete expired sessions", err)
}

// Count returns how many sessions are stored, expired ones included (for
// monitoring, and the test that a visit to the login page stores none).
func (s *SessionStore) Count(ctx context.Context) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM sessions`).Scan(&n)
	return n, dbError("count sessions", err)
}
