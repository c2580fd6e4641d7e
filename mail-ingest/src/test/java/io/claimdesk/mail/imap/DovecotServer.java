package io.claimdesk.mail.imap;

import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Dovecot IMAP server for tests: {@code dovecot -F} as a child process with a configuration of its own,
 * written into {@code dir} (no system configuration read, no system service touched), listening on a free port of
 * 127.0.0.1 only, without TLS, for one user with a plaintext password whose INBOX is a Maildir under {@code dir}.
 * Mail can be written straight into that Maildir before the server starts, as a delivery agent would.
 *
 * <p>Dovecot refuses to run its login processes as root and to give mail access to uid 0. Run as root (as CI
 * does), logins run as {@code dovenull} (created by Debian's dovecot-core) or else {@code nobody}, mail is owned and
 * read as {@code nobody}, and {@code dir} is opened for them to pass; run as anyone else, every process and the mail
 * are the current user's. The executable is {@code /usr/sbin/dovecot}, or the system property
 * {@value #EXECUTABLE_PROPERTY}.
 */
final class DovecotServer implements AutoCloseable {
  static final String EXECUTABLE_PROPERTY = "claimdesk.dovecot";

  private final Path dir;
  private final String user;
  private final String password;
  private final Path maildir;
  private final long firstFileTime = System.currentTimeMillis() / 1000 - 1_000_000;
  private long delivered;
  private int port;
  private Process process;

  DovecotServer(Path dir, String user, String password) throws IOException {
    this.dir = dir;
    this.user = user;
    this.password = password;
    this.maildir = dir.resolve("Maildir");
    for (String sub : List.of("cur", "new", "tmp")) {
      Files.createDirectories(maildir.resolve(sub));
    }
  }

  static Path executable() {
    return Path.of(System.getProperty(EXECUTABLE_PROPERTY, "/usr/sbin/dovecot"));
  }

  static boolean available() {
    return Files.isExecutable(executable());
  }

  /**
   * Writes a mail into the INBOX's Maildir, before {@link #start()}: into {@code new/} without flags, into
   * {@code cur/} with its Maildir flag letters otherwise ({@code S} \Seen, {@code F} \Flagged, in ASCII order).
   * The file names sort in delivery order, which is the order Dovecot gives UIDs in when it first reads the folder.
   */
  void deliver(byte[] raw, String flags) throws IOException {
    if (process != null) {
      throw new IllegalStateException("mail is written into the Maildir before Dovecot starts");
    }
    delivered++;
    String name = (firstFileTime + delivered) + ".M" + delivered + "P1.claimdesk";
    Path file = flags.isEmpty() ? maildir.resolve("new").resolve(name)
        : maildir.resolve("cur").resolve(name + ":2," + flags);
    Files.write(file, raw);
  }

  /** Starts Dovecot and waits until it greets on its port. */
  DovecotServer start() throws IOException, InterruptedException {
    Path passwd = Files.writeString(dir.resolve("passwd"), user + ":{PLAIN}" + password + "\n");
    Users users = users();
    if (users.asRoot) {
      // the login and mail processes, not root, must pass through dir; only the Maildir is theirs
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
      Files.setPosixFilePermissions(passwd, PosixFilePermissions.fromString("rw-------"));
      try (Stream<Path> tree = Files.walk(maildir)) {
        for (Path p : (Iterable<Path>) tree::iterator) {
          Files.setOwner(p, users.mailUser);
          Files.getFileAttributeView(p, PosixFileAttributeView.class)
              .setGroup(users.mailGroup);
        }
      }
    }
    port = freePort();
    Path conf = Files.writeString(dir.resolve("dovecot.conf"), config(passwd, users));
    process = new ProcessBuilder(executable().toString(), "-F", "-c", conf.toString())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("dovecot.out").toFile())
        .start();
    awaitGreeting();
    return this;
  }

  private String config(Path passwd, Users users) {
    long mailUid = uid(users.asRoot ? maildir : dir);
    long mailGid = gid(users.asRoot ? maildir : dir);
    return String.join("\n",
        "# written by claimdesk's DovecotServer for one test: nothing else is read",
        "base_dir = " + dir.resolve("run"),
        "state_dir = " + dir.resolve("state"),
        "log_path = " + dir.resolve("dovecot.log"),
        "protocols = imap",
        "listen = 127.0.0.1",
        "ssl = no",
        "disable_plaintext_auth = no",
        "auth_mechanisms = plain login",
        "default_internal_user = " + users.internal,
        users.asRoot ? "# default_internal_group: Dovecot's own" : "default_internal_group = " + users.internalGroup,
        "default_login_user = " + users.login,
        "first_valid_uid = " + mailUid,
        "last_valid_uid = " + mailUid,
        "first_valid_gid = " + mailGid,
        "last_valid_gid = " + mailGid,
        "mail_location = maildir:" + maildir,
        "mail_fsync = never",
        "passdb {",
        "  driver = passwd-file",
        "  args = scheme=PLAIN " + passwd,
        "}",
        "userdb {",
        "  driver = static",
        "  args = uid=" + mailUid + " gid=" + mailGid + " home=" + maildir,
        "}",
        "service imap-login {",
        "  chroot =",
        "  inet_listener imap {",
        "    address = 127.0.0.1",
        "    port = " + port,
        "  }",
        "  inet_listener imaps {",
        "    port = 0",
        "  }",
        "}",
        "service anvil {",
        "  chroot =",
        "}",
        "");
  }

  /** Who Dovecot's processes and the mail run as. */
  private record Users(boolean asRoot, String internal, String internalGroup, String login, UserPrincipal mailUser,
      GroupPrincipal mailGroup) {}

  private Users users() throws IOException {
    if (uid(dir) != 0) {
      PosixFileAttributes mine = Files.readAttributes(dir, PosixFileAttributes.class); // dir is this process's
      return new Users(false, mine.owner().getName(), mine.group().getName(), mine.owner().getName(), null, null);
    }
    UserPrincipalLookupService lookup = dir.getFileSystem().getUserPrincipalLookupService();
    String login = exists(lookup, "dovenull") ? "dovenull" : "nobody";
    GroupPrincipal group;
    try {
      group = lookup.lookupPrincipalByGroupName("nogroup"); // Debian's group of nobody
    } catch (UserPrincipalNotFoundException e) {
      group = lookup.lookupPrincipalByGroupName("nobody");
    }
    return new Users(true, "root", null, login, lookup.lookupPrincipalByName("nobody"), group);
  }

  private static boolean exists(UserPrincipalLookupService lookup, String name) throws IOException {
    try {
      lookup.lookupPrincipalByName(name);
      return true;
    } catch (UserPrincipalNotFoundException e) {
      return false;
    }
  }

  private static long uid(Path p) {
    return unix(p, "uid");
  }

  private static long gid(Path p) {
    return unix(p, "gid");
  }

  private static long unix(Path p, String attribute) {
    try {
      return ((Number) Files.getAttribute(p, "unix:" + attribute)).longValue();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the " + attribute + " of " + p, e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private void awaitGreeting() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      if (!process.isAlive()) {
        throw new IllegalStateException("dovecot exited with " + process.exitValue() + ": " + diagnostics());
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
        socket.setSoTimeout(5000);
        String greeting = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
            .readLine();
        if (greeting != null && greeting.startsWith("* OK")) {
          return;
        }
      } catch (IOException e) {
        // not listening yet, or its login process not started yet
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("dovecot did not greet on 127.0.0.1:" + port + ": " + diagnostics());
      }
      Thread.sleep(50);
    }
  }

  /** What Dovecot said on its output and in its log, for a failure message. */
  String diagnostics() {
    StringBuilder text = new StringBuilder();
    for (String name : List.of("dovecot.out", "dovecot.log")) {
      try {
        text.append("\n--- ").append(name).append(":\n").append(Files.readString(dir.resolve(name)));
      } catch (IOException e) {
        text.append("\n--- no ").append(name);
      }
    }
    return text.toString();
  }

  int port() {
    return port;
  }

  String host() {
    return "127.0.0.1";
  }

  String user() {
    return user;
  }

  String password() {
    return password;
  }

  /** A message as a mail client sees it: its UID, Message-ID and stored flags. */
  record Listed(long uid, String messageId, String flags) {}

  /**
   * Every message of {@code folderName} in UID order, read as a mail client would, with the folder opened
   * read-only. {@code \Recent} is left out of the flags: it belongs to a session, not to the message.
   */
  List<Listed> list(String folderName) throws MessagingException {
    Properties props = new Properties();
    props.setProperty("mail.imap.peek", "true");
    Store store = Session.getInstance(props).getStore("imap");
    store.connect(host(), port, user, password);
    try {
      Folder folder = store.getFolder(folderName);
      folder.open(Folder.READ_ONLY);
      try {
        Message[] messages = folder.getMessages();
        FetchProfile profile = new FetchProfile();
        profile.add(UIDFolder.FetchProfileItem.UID);
        profile.add(FetchProfile.Item.FLAGS);
        profile.add("Message-ID");
        folder.fetch(messages, profile);
        List<Listed> listed = new ArrayList<>();
        for (Message message : messages) {
          String[] ids = message.getHeader("Message-ID");
          listed.add(new Listed(((UIDFolder) folder).getUID(message), ids == null ? null : ids[0].strip(),
              flags(message.getFlags())));
        }
        return listed;
      } finally {
        folder.close(false);
      }
    } finally {
      store.close();
    }
  }

  private static String flags(Flags flags) {
    Map<Flags.Flag, String> names = new LinkedHashMap<>();
    names.put(Flags.Flag.ANSWERED, "\\Answered");
    names.put(Flags.Flag.DELETED, "\\Deleted");
    names.put(Flags.Flag.DRAFT, "\\Draft");
    names.put(Flags.Flag.FLAGGED, "\\Flagged");
    names.put(Flags.Flag.SEEN, "\\Seen");
    TreeSet<String> set = new TreeSet<>();
    names.forEach((flag, name) -> {
      if (flags.contains(flag)) {
        set.add(name);
      }
    });
    set.addAll(List.of(flags.getUserFlags()));
    return String.join(" ", set);
  }

  /** Stops Dovecot (SIGTERM, then SIGKILL if it lingers) and the processes it started. */
  @Override
  public void close() throws InterruptedException {
    if (process == null) {
      return;
    }
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
    for (ProcessHandle child : children) {
      if (child.isAlive()) {
        child.destroyForcibly();
      }
    }
  }
}
