package shebao

// Unit access is one rule, owned here and called by every service (the
// catalogue's items, handling, billing, batches, declaration, back-pay, the
// counter; the pages and the API add no rule of their own):
//
//   - An operator acts for, and reads, their own unit only. A request that
//     names no unit is for their unit; one that names another unit is
//     EFORBIDDEN (field "unit"), never silently redirected.
//   - Clerks and admins act for the unit they name, whichever channel they
//     work on (they are always on the counter channel: ChannelFor). Naming
//     none is EINVALID (field "unit", ReasonRequired).
//   - Reviewers act for no unit: they decide what units and clerks
//     submitted. To decide, they read every unit's items, people and
//     contributions (ReadFor, MaySee).
//   - Anyone else acts for and reads nothing: EFORBIDDEN.

// ActFor returns the unit the actor acts for (submits or changes something
// for) when a request names unit asked (0: none).
func (a Actor) ActFor(asked int64) (int64, error) {
	switch a.Role {
	case RoleOperator:
		return a.ownUnit(asked)
	case RoleClerk, RoleAdmin:
		if asked == 0 {
			return 0, Invalid("unit", ReasonRequired)
		}
		return asked, nil
	}
	return 0, forbiddenUnit()
}

// ReadFor returns the unit whose data the actor reads when a request names
// unit asked (0: none): as ActFor, and reviewers read any unit they name.
func (a Actor) ReadFor(asked int64) (int64, error) {
	if a.Role == RoleReviewer {
		if asked == 0 {
			return 0, Invalid("unit", ReasonRequired)
		}
		return asked, nil
	}
	return a.ActFor(asked)
}

// MaySee reports whether the actor may read a thing of unit unitID (an
// item, a person's coverage there, a batch, a proof): its own operators and
// every member of staff.
func (a Actor) MaySee(unitID int64) bool {
	if a.Role == RoleOperator {
		return a.UnitID != 0 && a.UnitID == unitID
	}
	return a.Role.IsStaff()
}

// ownUnit is an operator's unit, refusing a request for another.
func (a Actor) ownUnit(asked int64) (int64, error) {
	if a.UnitID == 0 {
		return 0, forbiddenUnit()
	}
	if asked != 0 && asked != a.UnitID {
		return 0, &Error{Code: EFORBIDDEN, Reason: ReasonForbidden, Field: "unit"}
	}
	return a.UnitID, nil
}

func forbiddenUnit() error { return &Error{Code: EFORBIDDEN, Reason: ReasonForbidden} }

// ChannelFor returns the channel an account of role works on, and the
// terminal it keeps: staff act on the counter channel wherever they work
// (the pages, the API, a kiosk), so the counter's rules and the counter's
// statistics apply to them; a unit's operator is on self-service at a
// kiosk terminal, online anywhere else. The pages, the API and the services
// ask this function, never decide it themselves.
func ChannelFor(role Role, terminal string) (Channel, string) {
	switch {
	case role.IsStaff():
		return Counter, ""
	case terminal != "":
		return SelfService, terminal
	}
	return Online, ""
}

// OnItsChannel returns the actor on the channel ChannelFor gives its role.
func (a Actor) OnItsChannel() Actor {
	a.Channel, a.Terminal = ChannelFor(a.Role, a.Terminal)
	return a
}
