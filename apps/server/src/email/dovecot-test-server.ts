import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Test support: a real Dovecot IMAP server on loopback with one mailbox user (Debian's dovecot-imapd).
 * With `tls` (PEM files) it speaks implicit TLS (IMAPS) only, with that certificate.
 */
export async function startDovecot(options: { tls?: { cert: string; key: string } } = {}): Promise<{
  port: number;
  user: string;
  password: string;
  /** Dovecot's log so far (logins and refusals). */
  log: () => Promise<string>;
  stop: () => Promise<void>;
}> {
  const dir = await mkdtemp(path.join(tmpdir(), 'sb-dovecot-'));
  const port = await new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
  const uid = execFileSync('id', ['-u', 'dovecot']).toString().trim();
  const gid = execFileSync('id', ['-g', 'dovecot']).toString().trim();
  execFileSync('chmod', ['755', dir]);
  await writeFile(path.join(dir, 'passwd'), 'mailbox:{PLAIN}mailbox-password\n');
  await writeFile(
    path.join(dir, 'dovecot.conf'),
    `base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
${options.tls ? `ssl = required\nssl_cert = <${options.tls.cert}\nssl_key = <${options.tls.key}` : 'ssl = no'}
auth_verbose = yes
disable_plaintext_auth = no
auth_mechanisms = plain login
first_valid_uid = 1
mailbox_idle_check_interval = 1 secs
passdb {
  driver = passwd-file
  args = ${dir}/passwd
}
userdb {
  driver = static
  args = uid=${uid} gid=${gid} home=${dir}/home/%u
}
mail_location = maildir:~/Maildir
service imap-login {
  inet_listener imap {
    port = ${options.tls ? 0 : port}
  }
  inet_listener imaps {
    port = ${options.tls ? port : 0}
  }
}
service anvil {
  chroot =
}
service imap-login {
  chroot =
}
`,
  );
  execFileSync('mkdir', ['-p', `${dir}/home/mailbox`, `${dir}/run`, `${dir}/state`]);
  execFileSync('chown', ['-R', `${uid}:${gid}`, `${dir}/home`]);
  const child: ChildProcess = spawn('/usr/sbin/dovecot', ['-F', '-c', path.join(dir, 'dovecot.conf')], {
    stdio: 'ignore',
  });
  for (let i = 0; i < 50; i++) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = createServer();
      socket.once('error', () => resolve(true));
      socket.listen(port, '127.0.0.1', () => socket.close(() => resolve(false)));
    });
    if (open) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    port,
    user: 'mailbox',
    password: 'mailbox-password',
    log: () => readFile(path.join(dir, 'dovecot.log'), 'utf8').catch(() => ''),
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}
