package shebao

import (
	"errors"
	"fmt"
	"strings"
)

// Error codes: the kind of failure, mapped to an HTTP status in one place
// (package web and package api).
const (
	EINVALID      = "invalid"      // the input is malformed; nothing was written
	ENOTFOUND     = "not_found"    // no such thing, or not visible to the caller
	ECONFLICT     = "conflict"     // the state changed under the caller (race, duplicate)
	EUNAUTHORIZED = "unauthorized" // not logged in, or the credentials are wrong
	EFORBIDDEN    = "forbidden"    // logged in, but not allowed
	EREFUSED      = "refused"      // a business rule refuses the request
	EUNAVAILABLE  = "unavailable"  // the server is busy: try again in a moment; nothing was written
	EINTERNAL     = "internal"     // a bug or an outage; details go to the log only
)

// Error is shebao's application error. Reason is a stable machine code (also
// the key of the user-facing message in the i18n catalogue: "reason.<Reason>"),
// Field names the input field at fault, and Args fill the message's
// placeholders (%s, in order). Users see the translated message, never Err.
type Error struct {
	Code   string
	Reason string
	Field  string
	Args   []string
	Err    error // the underlying cause, for the log
	// Withheld is the reason an operator gets instead when Args name
	// another party (Actor.Disclose); "" when nothing is withheld.
	Withheld string
}

// Error implements error for logs: it is not meant for users.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Code)
	if e.Reason != "" {
		b.WriteString(": " + e.Reason)
	}
	if e.Field != "" {
		b.WriteString(" (field " + e.Field + ")")
	}
	if len(e.Args) > 0 {
		b.WriteString(" " + strings.Join(e.Args, ", "))
	}
	if e.Err != nil {
		b.WriteString(": " + e.Err.Error())
	}
	return b.String()
}

// Unwrap returns the underlying cause.
func (e *Error) Unwrap() error { return e.Err }

// FieldErrors are the input errors of several fields found together, in the
// form's order, so that a form can show each beside its field. errors.As
// finds the first, so a caller that shows one message shows the first field's.
type FieldErrors []*Error

// Error implements error for logs: it joins the errors' log texts.
func (fe FieldErrors) Error() string {
	s := make([]string, len(fe))
	for i, e := range fe {
		s[i] = e.Error()
	}
	return strings.Join(s, "; ")
}

// Unwrap returns the errors, for errors.Is and errors.As.
func (fe FieldErrors) Unwrap() []error {
	errs := make([]error, len(fe))
	for i, e := range fe {
		errs[i] = e
	}
	return errs
}

// Err returns fe as an error, or nil when it holds none.
func (fe FieldErrors) Err() error {
	if len(fe) == 0 {
		return nil
	}
	return fe
}

// Invalid returns an EINVALID error for field with the given reason.
func Invalid(field, reason string, args ...string) *Error {
	return &Error{Code: EINVALID, Reason: reason, Field: field, Args: args}
}

// Refused returns an EREFUSED error with the given reason.
func Refused(reason string, args ...string) *Error {
	return &Error{Code: EREFUSED, Reason: reason, Args: args}
}

// Errorf returns an error with the given code and reason and a cause for the log.
func Errorf(code, reason string, format string, args ...any) *Error {
	return &Error{Code: code, Reason: reason, Err: fmt.Errorf(format, args...)}
}

// ErrorCode returns the code of err's *Error, or EINTERNAL for any other error.
func ErrorCode(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	if err == nil {
		return ""
	}
	return EINTERNAL
}

// AsError returns err's *Error, or an EINTERNAL one wrapping err.
func AsError(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return &Error{Code: EINTERNAL, Reason: ReasonInternal, Err: err}
}

// WithField returns a copy of err's *Error with Field set (for errors from a
// parser that does not know which form field it parsed).
func WithField(err error, field string) error {
	var e *Error
	if !errors.As(err, &e) {
		return err
	}
	c := *e
	c.Field = field
	return &c
}

// Reasons: stable codes for refusals and input errors. Each has a message in
// every language of the i18n catalogue under "reason.<code>".
const (
	ReasonInternal = "INTERNAL"

	// Input errors.
	ReasonRequired          = "REQUIRED"          // a required field is empty
	ReasonTooLong           = "TOO_LONG"          // args: max length
	ReasonAmountEmpty       = "AMOUNT_EMPTY"      // no amount typed
	ReasonAmountMalformed   = "AMOUNT_MALFORMED"  // not a number of yuan with ≤2 decimals
	ReasonAmountTooLarge    = "AMOUNT_TOO_LARGE"  // above MaxFen
	ReasonAmountZero        = "AMOUNT_ZERO"       // zero where a wage is needed
	ReasonDateMalformed     = "DATE_MALFORMED"    // not a real date
	ReasonDateOutOfRange    = "DATE_OUT_OF_RANGE" // args: earliest, latest
	ReasonPeriodMalformed   = "PERIOD_MALFORMED"  // not YYYY-MM
	ReasonPeriodFuture      = "PERIOD_FUTURE"     // a period that has not come yet
	ReasonIDLength          = "ID_LENGTH"         // args: length found
	ReasonIDChars           = "ID_CHARS"          // characters other than digits and a final X
	ReasonIDRegion          = "ID_REGION"         // region code not a known province
	ReasonIDBirthDate       = "ID_BIRTH_DATE"     // birth date impossible (e.g. February 30)
	ReasonIDBirthTooEarly   = "ID_BIRTH_TOO_EARLY"
	ReasonIDBirthFuture     = "ID_BIRTH_FUTURE"
	ReasonIDCheck           = "ID_CHECK"          // args: expected check character
	ReasonIDLegacy          = "ID_LEGACY"         // a 15-digit number: counter only
	ReasonCreditLength      = "CREDIT_LENGTH"     // args: length found
	ReasonCreditChars       = "CREDIT_CHARS"      // args: the bad character
	ReasonCreditCheck       = "CREDIT_CHECK"      // args: expected check character
	ReasonCreditOrgCheck    = "CREDIT_ORG_CHECK"  // the embedded organisation code's check digit is wrong
	ReasonUnknownItemType   = "UNKNOWN_ITEM_TYPE" // args: the type given
	ReasonUnknownStopReason = "UNKNOWN_STOP_REASON"
	ReasonUnknownChannel    = "UNKNOWN_CHANNEL"
	ReasonPasswordWeak      = "PASSWORD_WEAK"      // args: minimum length
	ReasonPasswordSame      = "PASSWORD_SAME"      // new password equals the old one
	ReasonPasswordMismatch  = "PASSWORD_MISMATCH"  // the two new passwords differ
	ReasonOldPasswordWrong  = "OLD_PASSWORD_WRONG" // the current password typed is not the account's
	ReasonUnknownStatus     = "UNKNOWN_STATUS"     // an item status filter that does not exist

	// Access.
	ReasonLoginFailed    = "LOGIN_FAILED" // wrong username or password
	ReasonLoginLocked    = "LOGIN_LOCKED" // args: until (HH:MM)
	ReasonAccountOff     = "ACCOUNT_DISABLED"
	ReasonMustChangePass = "MUST_CHANGE_PASSWORD"
	ReasonNotLoggedIn    = "NOT_LOGGED_IN"
	ReasonForbidden      = "FORBIDDEN"
	ReasonNotFound       = "NOT_FOUND"
	ReasonPersonUnknown  = "PERSON_UNKNOWN" // no person with that ID number in the district
	ReasonUnitSuspended  = "UNIT_SUSPENDED"
	ReasonConflict       = "CONFLICT" // someone else changed it first; reload

	// Business refusals of enrollment, resumption and stop.
	ReasonNoRegistration       = "NO_REGISTRATION"        // 无此人就业备案信息
	ReasonRegisteredToday      = "REGISTERED_TODAY"       // args: the first day it can be handled
	ReasonRegistrationEnded    = "REGISTRATION_ENDED"     // args: end date
	ReasonEmploymentNotStarted = "EMPLOYMENT_NOT_STARTED" // args: employment start
	ReasonInsuredElsewhere     = "INSURED_ELSEWHERE"      // args: the other unit's name (staff only: Actor.Disclose)
	ReasonInsuredOtherUnit     = "INSURED_OTHER_UNIT"     // INSURED_ELSEWHERE as an operator reads it: no unit named
	ReasonAlreadyInsuredHere   = "ALREADY_INSURED_HERE"
	ReasonHasHistoryUseResume  = "HAS_HISTORY_USE_RESUME" // enrollment for someone insured before
	ReasonNeverInsured         = "NEVER_INSURED"          // resumption for someone never insured
	ReasonNotActiveHere        = "NOT_ACTIVE_HERE"        // stop for someone not insured at this unit
	ReasonCounterClosed        = "COUNTER_CLOSED"         // counter takes these items on days 1–15 only

	// Configuration.
	ReasonOutOfRange = "OUT_OF_RANGE" // a number outside its range; args: lowest, highest allowed
)
