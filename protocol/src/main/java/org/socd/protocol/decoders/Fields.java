package org.socd.protocol.decoders;

/**
 * The names of the fields decoders add, one vocabulary for all of them so that a rule or an
 * analyst asks for {@code user} or {@code src_ip} whatever program logged the line. The table in
 * {@code protocol/README.md} says what each one means.
 */
public final class Fields {

    /** What happened, a short lower-case word: {@code auth}, {@code session_opened}, {@code user_added}, ... */
    public static final String ACTION = "action";
    /** {@code success} or {@code failure}, when the line says. */
    public static final String OUTCOME = "outcome";
    /** The account that acted, logged in or was acted upon when the line names only one. */
    public static final String USER = "user";
    /** The account switched to (sudo, su) or named as target. */
    public static final String TARGET_USER = "target_user";
    /** The account that did it, when the line also names the account it was done to. */
    public static final String BY_USER = "by_user";
    public static final String SRC_IP = "src_ip";
    public static final String SRC_PORT = "src_port";
    public static final String DST_IP = "dst_ip";
    public static final String DST_PORT = "dst_port";
    /** {@code password}, {@code publickey}, {@code keyboard-interactive/pam}, ... */
    public static final String AUTH_METHOD = "auth_method";
    /** True when sshd says the user does not exist. */
    public static final String INVALID_USER = "invalid_user";
    /** True when sshd logged the line before authentication finished ({@code [preauth]}). */
    public static final String PREAUTH = "preauth";
    public static final String KEY_TYPE = "key_type";
    public static final String KEY_FINGERPRINT = "key_fingerprint";
    public static final String TTY = "tty";
    public static final String PWD = "pwd";
    public static final String COMMAND = "command";
    public static final String TARGET_GROUP = "target_group";
    /** How many wrong passwords sudo counted. */
    public static final String ATTEMPTS = "attempts";
    /** Why something failed, in the program's words. */
    public static final String REASON = "reason";
    public static final String UID = "uid";
    public static final String EUID = "euid";
    public static final String GID = "gid";
    public static final String BY_UID = "by_uid";
    public static final String LOGNAME = "logname";
    public static final String RUSER = "ruser";
    public static final String RHOST = "rhost";
    public static final String GROUP = "group";
    public static final String HOME = "home";
    public static final String SHELL = "shell";
    public static final String SESSION_ID = "session_id";
    public static final String PAM_MODULE = "pam_module";
    public static final String PAM_SERVICE = "pam_service";
    public static final String PAM_TYPE = "pam_type";

    public static final String SUCCESS = "success";
    public static final String FAILURE = "failure";

    private Fields() {
    }
}
