package org.opencli.fleet.lanes;

import java.nio.file.Files;
import java.nio.file.Path;
import org.opencli.fleet.Daemon;
import org.opencli.fleet.Lane;
import org.opencli.fleet.LaneContext;
import org.opencli.fleet.ProcResult;
import org.opencli.fleet.upstream.TestUpstream;

/** Text, CSV and binary upstream answers reach the user intact. */
public final class RemoteApiNonJsonLane implements Lane {

    @Override
    public void run(LaneContext ctx) throws Exception {
        try (TestUpstream upstream = TestUpstream.start(0)) {
            UpstreamProject project = UpstreamProject.create(ctx, upstream, config -> {});
            Daemon daemon = ctx.startDaemon("nonjson", project.env(), "--config", project.config.toString());
            RemoteApiCoreLane.Core cli = new RemoteApiCoreLane.Core(ctx, project, daemon.url());

            String expectedText = ctx.get(upstream.apiUrl() + "/report.txt").body();
            ProcResult text = cli.ocli("upstream", "content", "get-report-text");
            ctx.check("text/plain is printed as is", text.exitCode() == 0 && text.stdout().strip().equals(expectedText.strip()),
                    "exit " + text.exitCode());
            String expectedCsv = ctx.get(upstream.apiUrl() + "/report.csv").body();
            ProcResult csv = cli.ocli("upstream", "content", "get-report-csv");
            ctx.check("text/csv is printed as is", csv.exitCode() == 0 && csv.stdout().strip().equals(expectedCsv.strip()),
                    "exit " + csv.exitCode());

            Path logo = ctx.workDir().resolve("logo.png");
            ProcResult png = cli.ocli("upstream", "content", "get-logo", "--output", logo.toString());
            byte[] bytes = Files.isRegularFile(logo) ? Files.readAllBytes(logo) : new byte[0];
            ctx.check("image/png written byte-exact to --output",
                    png.exitCode() == 0 && bytes.length > 8 && (bytes[0] & 0xff) == 0x89 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G',
                    "exit " + png.exitCode() + ", " + bytes.length + " bytes");

            Path big = ctx.workDir().resolve("big.bin");
            ProcResult octets = cli.ocli("upstream", "content", "get-big", "--bytes", "70000", "--output", big.toString());
            byte[] data = Files.isRegularFile(big) ? Files.readAllBytes(big) : new byte[0];
            boolean pattern = data.length == 70000;
            for (int i = 0; pattern && i < data.length; i++) pattern = (data[i] & 0xff) == i % 256;
            ctx.check("70,000 bytes of application/octet-stream arrive intact", octets.exitCode() == 0 && pattern,
                    "exit " + octets.exitCode() + ", " + data.length + " bytes");
        }
    }
}
