/**
 * An HTTPS proxy for the cold-start first call: both components send their request to Zoho's real
 * host (https://www.zohoapis.com) exactly as in production, through HTTPS_PROXY. axios tunnels it
 * with CONNECT; this ends the tunnel's TLS with a throwaway certificate for Zoho's API hosts (made
 * by `openssl` for this run, trusted by the children through NODE_EXTRA_CA_CERTS) and pipes the
 * plain HTTP to the sandbox, which routes on the Host header. Both sides pay the same TLS handshake.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { connect, type AddressInfo, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TLSSocket, createSecureContext } from "node:tls";

export interface TlsProxy {
  /** http://127.0.0.1:port, for HTTPS_PROXY. */
  url: string;
  /** The certificate file, for NODE_EXTRA_CA_CERTS. */
  caFile: string;
  /** CONNECT tunnels opened so far. */
  tunnels(): number;
  stop(): Promise<void>;
}

/** A self-signed P-256 certificate for Zoho's API hosts, or undefined when `openssl` is not installed. */
const certificate = (dir: string): { key: Buffer; cert: Buffer; caFile: string } | undefined => {
  const keyFile = join(dir, "key.pem");
  const caFile = join(dir, "cert.pem");
  try {
    execFileSync(
      "openssl",
      ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1", "-subj", "/CN=www.zohoapis.com"]
        .concat(["-addext", "subjectAltName=DNS:www.zohoapis.com,DNS:*.zohoapis.com,DNS:*.zohoapis.eu,DNS:*.zohoapis.in,DNS:*.zohoapis.com.au"])
        .concat(["-keyout", keyFile, "-out", caFile]),
      { stdio: "pipe" },
    );
  } catch {
    return undefined;
  }
  return { key: readFileSync(keyFile), cert: readFileSync(caFile), caFile };
};

export const startTlsProxy = async (sandboxUrl: string): Promise<TlsProxy | undefined> => {
  const dir = mkdtempSync(join(tmpdir(), "zoho-cold-tls-"));
  const made = certificate(dir);
  if (!made) {
    rmSync(dir, { recursive: true, force: true });
    return undefined;
  }
  const secureContext = createSecureContext({ key: made.key, cert: made.cert });
  const target = new URL(sandboxUrl);
  const open = new Set<Socket>();
  let tunnels = 0;
  const server = createServer((_req, res) => {
    res.statusCode = 405;
    res.end("CONNECT only");
  });
  server.on("connect", (_req, socket: Socket, head: Buffer) => {
    tunnels++;
    const upstream = connect(Number(target.port), target.hostname);
    open.add(socket).add(upstream);
    const close = () => {
      socket.destroy();
      upstream.destroy();
      open.delete(socket);
      open.delete(upstream);
    };
    socket.write("HTTP/1.1 200 Connection Established\r\n\r\n");
    if (head.length > 0) socket.unshift(head);
    const secure = new TLSSocket(socket, { isServer: true, secureContext });
    secure.pipe(upstream).pipe(secure);
    for (const s of [socket, upstream, secure]) s.on("error", close).on("close", close);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    caFile: made.caFile,
    tunnels: () => tunnels,
    stop: async () => {
      for (const s of open) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
};
