package i18n

// Messages of accounts and sessions hardening (docs/SECURITY.md): the
// password policy, kiosk terminal secrets, and the audit log's labels of
// the security events.
func init() {
	add(
		[3]string{"reason.PASSWORD_CLASSES", "密码须包含以下四类中的至少三类：小写字母、大写字母、数字、符号。", "The password needs characters of at least three of four kinds: lower-case letters, capitals, digits, symbols."},
		[3]string{"reason.PASSWORD_USERNAME", "密码不能包含用户名。", "The password must not contain the username."},
		[3]string{"reason.PASSWORD_COMMON", "这是常见密码，很容易被猜中，请换一个。", "This is a common password, easy to guess. Please choose another."},
		[3]string{"reason.PASSWORD_REUSED", "新密码不能与最近 %s 次使用过的密码相同。", "The new password must differ from the last %s passwords."},
		[3]string{"security.terminal.secret_shown", "终端 %s 的登记地址如下，仅显示这一次：请立即在该终端电脑的浏览器中打开。地址含密钥，请勿外传；遗失后可“重新生成密钥”。", "The enrolment URL of terminal %s is below and is shown only this once: open it now in the kiosk PC's browser. It holds a secret: keep it to yourself; if it is lost, regenerate the secret."},
		[3]string{"security.terminal.enrolled", "已登记终端电脑", "Kiosk enrolled"},
		[3]string{"security.terminal.yes", "是", "Yes"},
		[3]string{"security.terminal.no", "否", "No"},
		[3]string{"security.terminal.regenerate", "重新生成密钥", "Regenerate secret"},
		[3]string{"office.audit.action.login.refused", "账号锁定期间的登录尝试（未核对密码）", "Login attempt while locked (password not checked)"},
		[3]string{"office.audit.action.login.disabled", "已停用账号的登录尝试", "Login attempt on a disabled account"},
		[3]string{"office.audit.action.account.password.reused", "修改密码失败（与近期密码相同）", "Password change failed (a recent password)"},
		[3]string{"office.audit.action.terminal.secret", "重新生成终端密钥", "Terminal secret regenerated"},
		[3]string{"office.audit.action.terminal.enroll", "终端电脑登记", "Kiosk enrolled"},
	)
}
