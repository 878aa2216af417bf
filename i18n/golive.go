package i18n

// Messages of going live: policy years imported in one go (package
// billing), the register import (package register), operators' letters and
// the readiness check.
func init() {
	add(
		[3]string{"reason.POLICY_YEAR_IN_FORCE", "%s 年度已有不同的缴费政策，该年度已生效或已过去，不能更改。", "%s already has a different policy; that year is in force or past and cannot be changed."},
		[3]string{"reason.POLICY_YEAR_TWICE", "%s 年度在文件中出现了两次。", "The year %s appears twice in the file."},
		[3]string{"reason.POLICY_YEAR_TOO_LATE", "最多只能导入到 %s 年度。", "Years up to %s only can be imported."},
		[3]string{"reason.POLICY_YEARS_NO_YEARS", "文件中没有任何年度的政策。", "The file holds no year's policy."},

		[3]string{"reason.REGISTER_FILE_FORMAT", "文件须为 .csv 或 .xlsx。", "The file must be .csv or .xlsx."},
		[3]string{"reason.REGISTER_FILE_UNREADABLE", "无法读取：请确认是 CSV（UTF-8 或 GB18030 编码）或 Excel .xlsx 文件。", "It cannot be read: it must be a CSV file (UTF-8 or GB18030) or an Excel .xlsx file."},
		[3]string{"reason.REGISTER_TOO_MANY_ROWS", "行数过多，一个文件最多 %s 行。", "Too many rows: at most %s in one file."},
		[3]string{"reason.REGISTER_MISSING_COLUMN", "缺少“%s”列（表头见 docs/MIGRATION.md）。", "There is no column %s (see docs/MIGRATION.md for the headers)."},
		[3]string{"reason.REGISTER_UNKNOWN_FILE", "文件名不是登记资料的文件之一（units、persons、coverages、bases、registrations、operators）。", "The file name is not one of the register's (units, persons, coverages, bases, registrations, operators)."},
		[3]string{"reason.REGISTER_FILE_TWICE", "与 %s 是同一种文件，只能提供一个。", "It is the same kind of file as %s: give only one."},
		[3]string{"reason.REGISTER_DUPLICATE", "与第 %s 行重复。", "It repeats row %s."},
		[3]string{"reason.REGISTER_UNKNOWN_UNIT", "统一社会信用代码为 %s 的单位既不在单位文件中，也不在本系统中。", "The unit with credit code %s is neither in the units file nor in the system."},
		[3]string{"reason.REGISTER_UNKNOWN_PERSON", "该身份证号码的人员既不在人员文件中，也不在本系统中。", "The person with this ID number is neither in the persons file nor in the system."},
		[3]string{"reason.REGISTER_BAD_VALUE", "取值不对，可填：%s。", "The value is not valid; allowed: %s."},
		[3]string{"reason.REGISTER_RISK_CLASS", "行业风险类别须为 1 至 8。", "The risk class must be 1 to 8."},
		[3]string{"reason.REGISTER_PERIOD_ORDER", "终止所属期早于起始所属期。", "The last period is before the first."},
		[3]string{"reason.REGISTER_PERIOD_FUTURE", "所属期晚于当前所属期 %s。", "The period is after the current period %s."},
		[3]string{"reason.REGISTER_OVERLAP", "与第 %s 行同一险种的参保期间重叠。", "It overlaps the span of the same insurance type on row %s."},
		[3]string{"reason.REGISTER_TWO_ACTIVE", "该人员此险种已在“%s”正常参保，同一险种只能在一个单位参保。", "The person is already actively insured for this type at %s: one active coverage per type."},
		[3]string{"reason.REGISTER_BASE_BOUNDS", "超出 %[3]s 年度的基数上下限（%[1]s–%[2]s 元），已标记。", "Outside the bounds of %[3]s (¥%[1]s–¥%[2]s); flagged."},
		[3]string{"reason.REGISTER_NO_POLICY", "%s 年度没有缴费政策，请先导入政策年度。", "%s has no policy: import the policy years first."},
		[3]string{"reason.REGISTER_ACCOUNT_ELSEWHERE", "该用户名已属于其他单位或工作人员。", "This username belongs to another unit or to staff."},

		[3]string{"golive.book.credit_code", "统一社会信用代码", "Credit code"},
		[3]string{"golive.book.unit", "单位名称", "Unit"},
		[3]string{"golive.book.username", "用户名", "Username"},
		[3]string{"golive.book.display_name", "经办人", "Operator"},
		[3]string{"golive.book.issued", "开户函发出时间", "Letter issued"},
		[3]string{"golive.book.first_login", "已首次登录", "First login done"},
		[3]string{"golive.book.yes", "是", "yes"},
		[3]string{"golive.book.no", "否", "no"},
		[3]string{"golive.letter.title", "社保自助经办系统开户通知书", "Your account for the social-insurance self-service system"},
		[3]string{"golive.letter.intro", "本单位经办人的账户已开通。初始密码仅印在本通知书上，系统不再显示，请妥善保管、当面交给经办人本人。", "Your unit's operator accounts are open. Each one-time password is printed in this letter only and is never shown again: keep it safe and hand it to the operator in person."},
		[3]string{"golive.letter.password", "初始密码", "One-time password"},
		[3]string{"golive.letter.address", "系统地址：", "Address of the system:"},
		[3]string{"golive.letter.step1", "在浏览器中打开 %s，或在经办大厅的自助终端上操作。", "Open %s in a browser, or use a self-service kiosk in the office's hall."},
		[3]string{"golive.letter.step2", "输入用户名和初始密码登录。", "Log in with your username and the one-time password."},
		[3]string{"golive.letter.step3", "系统会要求您立即设置新密码（至少 8 位，含字母和数字），设置前不能办理其他业务。", "You are asked to set a new password at once (at least 8 characters, letters and digits); nothing else works until you have."},
		[3]string{"golive.letter.step4", "之后即可办理参保、停保、基数申报等业务。忘记密码请到经办机构柜台重置。", "Then you can handle enrollment, stops, base declarations and the rest. If you forget your password, the office's counter resets it."},
		[3]string{"golive.letter.keep", "初始密码首次登录后即失效。如本通知书遗失，请到柜台重置密码。", "The one-time password stops working once changed. If this letter is lost, ask the counter to reset the password."},
	)
}
