package session

import (
	"context"
	"time"

	"shebao"
)

// Store keeps sessions with the account each is logged in as: package
// sqldb's SessionStore. A request reads its session and its account as
// stored now by one statement (FindAccount); the account reaches the
// request through Manager.Actor (Login.Account).
type Store interface {
	// FindAccount returns the data of an unexpired session and its account
	// as stored now, read together by one statement; found is false when
	// there is no such session or its account is gone. Of the account it
	// need read only what auth.Service.Current judges and a request acts
	// by: id, username, role, unit, generation, disabled, must-change and
	// the password's date (never the password hash).
	FindAccount(ctx context.Context, token string) (data []byte, acc shebao.Account, found bool, err error)
	// CommitAccount stores a session's data and expiry with the id of the
	// account it is logged in as (0: none), replacing any earlier ones.
	CommitAccount(ctx context.Context, token string, data []byte, expiry time.Time, accountID int64) error
	// DeleteCtx removes a session; a missing one is no error.
	DeleteCtx(ctx context.Context, token string) error
}

// store adapts a Store to scs's store (scs.CtxStore). Its commits take the
// account's id from the data they store; its finds hand the account they
// read to the request's found (Manager.load) for Actor.
type store struct{ s Store }

// found is where a request's lookup leaves the account it read with the
// session: put in the request's context before scs loads the session.
type found struct{ account shebao.Account }

type foundKey struct{}

// withFound returns ctx with a place for the account its session lookup
// reads.
func withFound(ctx context.Context) context.Context {
	return context.WithValue(ctx, foundKey{}, &found{})
}

// foundIn returns the account read with the session of ctx (zero when none
// was read: the session was not loaded through Manager, or is new).
func foundIn(ctx context.Context) shebao.Account {
	if f, ok := ctx.Value(foundKey{}).(*found); ok {
		return f.account
	}
	return shebao.Account{}
}

func (st store) FindCtx(ctx context.Context, token string) ([]byte, bool, error) {
	b, acc, ok, err := st.s.FindAccount(ctx, token)
	if f, in := ctx.Value(foundKey{}).(*found); in && ok {
		f.account = acc
	}
	return b, ok, err
}

func (st store) CommitCtx(ctx context.Context, token string, b []byte, expiry time.Time) error {
	_, values, err := codec{}.Decode(b)
	if err != nil {
		return err
	}
	id, _ := values[keyAccount].(int64)
	return st.s.CommitAccount(ctx, token, b, expiry, id)
}

func (st store) DeleteCtx(ctx context.Context, token string) error { return st.s.DeleteCtx(ctx, token) }

func (st store) Find(token string) ([]byte, bool, error) {
	return st.FindCtx(context.Background(), token)
}

func (st store) Commit(token string, b []byte, expiry time.Time) error {
	return st.CommitCtx(context.Background(), token, b, expiry)
}

func (st store) Delete(token string) error { return st.DeleteCtx(context.Background(), token) }
