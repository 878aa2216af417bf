package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"shebao"
)

// SessionStore keeps sessions in the sessions table, each with the id of
// the account it is logged in as, so that a request reads its session and
// its account as stored now by one statement (FindAccount). Package
// session adapts it to scs's store (session.Store).
type SessionStore struct {
	db *DB
}

// SessionStore returns the session store over db.
func (db *DB) SessionStore() *SessionStore { return &SessionStore{db: db} }

// qFindSession reads a session and its account by their primary keys:
// of the account only what a request is judged and acts by
// (sessionAccountColumns). The account's columns are unqualified: sessions
// has none of their names.
const qFindSession = `SELECT data, ` + sessionAccountColumns + `
	FROM sessions JOIN accounts ON accounts.id = sessions.account_id
	WHERE token = $1 AND expiry > $2`

// sessionAccountColumns are the account's columns every request reads
// with its session: those auth.Service.Current judges the session by
// (generation, disabled, and must_change and password_set_at for a
// password that must change) and those the request acts by (id, username,
// role, unit). Not the password hash, display name, failed logins, lock or
// creation time: no request needs them (a password change and a login read
// the account again in their transaction), each column read cost about a
// twentieth of the lookup on SQLite (docs/PERFORMANCE.md, "Where a
// request's CPU goes (stop 12)"), and the hash then never travels in a
// request's context.
const sessionAccountColumns = `id, username, role, COALESCE(unit_id, 0), must_change, disabled, password_set_at, generation`

// FindAccount returns the data of a session unexpired on the wall clock
// (scs sets expiries by it) and its account as stored now
// (sessionAccountColumns: the other fields are zero), both read by
// one statement outside any transaction (one snapshot; on SQLite prepared,
// stmtcache.go), so that a change of the account reaches the session's
// next request. found is false when there is
// no such session, or its account is gone. Every authenticated request runs
// it, and nothing else to authenticate (docs/SECURITY.md).
func (s *SessionStore) FindAccount(ctx context.Context, token string) (b []byte, acc shebao.Account, found bool, err error) {
	err = s.db.queryRow(ctx, s.db.read, func(r *sql.Row) error {
		var passwordSet int64
		err := r.Scan(&b, &acc.ID, &acc.Username, &acc.Role, &acc.UnitID, &acc.MustChange, &acc.Disabled,
			&passwordSet, &acc.Generation)
		acc.PasswordSetAt = fromMicros(passwordSet)
		return err
	}, qFindSession, token, micros(time.Now()))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, shebao.Account{}, false, nil
	}
	if err != nil {
		return nil, shebao.Account{}, false, dbError("find session", err)
	}
	return b, acc, true, nil
}

// CommitAccount stores a session's data and expiry, and the account it is
// logged in as, replacing any earlier ones.
func (s *SessionStore) CommitAccount(ctx context.Context, token string, b []byte, expiry time.Time, accountID int64) error {
	if b == nil {
		b = []byte{}
	}
	return s.exec(ctx, "commit session", `INSERT INTO sessions (token, data, expiry, account_id) VALUES ($1, $2, $3, $4)
		ON CONFLICT (token) DO UPDATE SET data = excluded.data, expiry = excluded.expiry, account_id = excluded.account_id`,
		token, b, micros(expiry), accountID)
}

// DeleteCtx removes a session; deleting a missing one is not an error.
func (s *SessionStore) DeleteCtx(ctx context.Context, token string) error {
	return s.exec(ctx, "delete session", `DELETE FROM sessions WHERE token = $1`, token)
}

// exec runs one write outside any transaction (a session is one row), and
// counts it (CountStatements).
func (s *SessionStore) exec(ctx context.Context, what, query string, args ...any) error {
	s.db.count.add()
	_, err := s.db.write.ExecContext(ctx, query, args...)
	return dbError(what, err)
}

// DeleteExpired removes every session expired at now and returns how many
// it removed. Run it now and then (e.g. hourly): FindAccount ignores
// expired sessions anyway.
func (s *SessionStore) DeleteExpired(ctx context.Context, now time.Time) (int, error) {
	res, err := s.db.write.ExecContext(ctx, `DELETE FROM sessions WHERE expiry <= $1`, micros(now))
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
	err := s.db.write.QueryRowContext(ctx, `SELECT COUNT(*) FROM sessions`).Scan(&n)
	return n, dbError("count sessions", err)
}
