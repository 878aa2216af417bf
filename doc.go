// Package shebao is the domain of the social-insurance self-service system:
// the plain types (units, persons, employment registrations, insurance
// coverage, business items, accounts, audit records), the explicit value
// types for money (Fen), calendar days (Date) and business periods (Period),
// the application error type, and the interfaces that storage implements and
// the web and API layers consume.
//
// It imports only the standard library. Policy rules live in package rules;
// storage in package sqldb; the handling engine in package handling.
package shebao
