package dev.zre.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zre.PeerId;
import dev.zre.spring.test.ZreTestPeer;
import dev.zre.spring.test.ZreTestSettings;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page in a real browser: Debian's headless chromium driven by chromedriver, two sample
 * instances on loopback and a bare node "carol" as bystander. Without chromium the test is skipped,
 * except on CI ({@code CI=true}) where it fails.
 *
 * <p>Leaves a screenshot of alice's page in {@code target/screenshot.png}; copy it to
 * {@code docs/screenshot.png} to refresh the one in the READMEs.
 */
class BrowserIT {

    /** What to install when the browser is missing. */
    static final String INSTALL = "apt-get install -y chromium chromium-driver";

    @Test
    void twoPagesSeeEachOtherChatAndWhisper() throws Exception {
        Path chromium = executable("CHROME_BIN", "chromium", "chromium-browser", "google-chrome");
        Path chromedriver = executable("CHROMEDRIVER", "chromedriver");

        ZreTestSettings cluster = ZreTestSettings.isolated();
        try (SampleInstance alice = SampleInstance.start("alice", cluster);
                SampleInstance bob = SampleInstance.start("bob", cluster);
                ZreTestPeer carol = ZreTestPeer.named("carol").in(cluster).timeout(SampleInstance.DEADLINE);
                ZreTestPeer dave = ZreTestPeer.named("dave").in(cluster)) {
            WebDriver alicePage = null;
            WebDriver bobPage = null;
            try {
                alicePage = browser(chromium, chromedriver);
                bobPage = browser(chromium, chromedriver);

                open(alicePage, alice, "alice");
                open(bobPage, bob, "bob");

                // each page lists the other instance
                peerRow(alicePage, bob.uuid());
                peerRow(bobPage, alice.uuid());

                // peers that come and go show up as it happens: ENTER, then EXIT
                carol.start();
                carol.join("chat");
                String carolUuid = PeerId.of(carol.uuid()).toString();
                peerRow(alicePage, carolUuid);
                peerRow(bobPage, carolUuid);
                dave.start();
                String daveUuid = PeerId.of(dave.uuid()).toString();
                peerRow(alicePage, daveUuid);
                logged(alicePage, "ENTER", "dave entered from tcp://127.0.0.1:");
                dave.close();
                logged(alicePage, "EXIT", "dave exited");
                waitFor(alicePage).until(ExpectedConditions
                    .numberOfElementsToBe(By.cssSelector("#peer-list li[data-uuid='" + daveUuid + "']"), 0));

                // both join #chat through the form; the chat tab opens
                join(alicePage, "chat");
                join(bobPage, "chat");
                waitFor(alicePage).until(ExpectedConditions.textToBePresentInElementLocated(
                        By.cssSelector("#group-list li[data-group='chat'] .gmembers"), "bob"));
                waitFor(bobPage).until(ExpectedConditions.textToBePresentInElementLocated(
                        By.cssSelector("#group-list li[data-group='chat'] .gmembers"), "alice"));

                // a shout from one page appears in the other
                say(alicePage, "Hi bob! Did you find me on loopback?");
                received(bobPage, "Hi bob! Did you find me on loopback?");
                say(bobPage, "Instantly. Beacons on 127.255.255.255 never leave this machine.");
                received(alicePage, "Instantly. Beacons on 127.255.255.255 never leave this machine.");

                // a whisper reaches its target only
                String secret = "Just between us: carol cannot read this.";
                whisper(alicePage, bob.uuid(), secret);
                click(bobPage, By.cssSelector("#chat-tabs button[data-tab='whispers']"));
                received(bobPage, secret);
                whisper(alicePage, carolUuid, "carol, this one is for you");
                List<String> carolGot = SampleInstance.whispersUntil(carol, "carol, this one is for you");
                assertThat(carolGot).doesNotContain(secret);
                assertThat(shown(alicePage, "in")).doesNotContain(secret);
                assertThat(shown(alicePage, "out")).contains(secret);

                // a friendlier picture for the README: back to #chat, bob busy, one more line
                click(bobPage, By.cssSelector("#presence-status option[value='busy']"));
                waitFor(alicePage).until(ExpectedConditions.attributeToBe(
                        By.cssSelector("#peer-list li[data-uuid='" + bob.uuid() + "']"), "data-presence", "busy"));
                click(bobPage, By.cssSelector("#chat-tabs button[data-tab='chat']"));
                click(alicePage, By.cssSelector("#chat-tabs button[data-tab='chat']"));
                say(bobPage, "Thanks! Now let's stay off the LAN.");
                received(alicePage, "Thanks! Now let's stay off the LAN.");
                screenshot(alicePage);
            }
            finally {
                quit(alicePage);
                quit(bobPage);
            }
        }
    }

    // ------------------------------------------------------------------ page steps

    private static void open(WebDriver page, SampleInstance instance, String name) {
        page.get(instance.url());
        waitFor(page).until(ExpectedConditions.textToBe(By.id("node-name"), name));
        waitFor(page).until(ExpectedConditions.attributeToBe(By.id("live"), "data-state", "open"));
    }

    private static void logged(WebDriver page, String type, String text) {
        waitFor(page).until((d) -> d.findElements(By.cssSelector("#event-log li[data-type='" + type + "'] .what"))
            .stream()
            .anyMatch((what) -> what.getText().contains(text)));
    }

    private static WebElement peerRow(WebDriver page, String uuid) {
        return waitFor(page).until(ExpectedConditions
            .presenceOfElementLocated(By.cssSelector("#peer-list li[data-uuid='" + uuid + "']")));
    }

    private static void join(WebDriver page, String group) {
        page.findElement(By.id("group-input")).sendKeys(group);
        click(page, By.id("join-button"));
        waitFor(page).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#chat-tabs button[data-tab='" + group + "'][aria-selected='true']")));
    }

    private static void say(WebDriver page, String text) {
        WebElement input = page.findElement(By.id("chat-input"));
        input.sendKeys(text);
        click(page, By.id("chat-send"));
        waitFor(page).until((d) -> messages(d, "out").contains(text));
    }

    private static void whisper(WebDriver page, String peer, String text) {
        click(page, By.cssSelector("#peer-list li[data-uuid='" + peer + "'] button.whisper"));
        waitFor(page).until(ExpectedConditions.attributeToBe(By.id("whisper-peer"), "value", peer));
        say(page, text);
    }

    private static void received(WebDriver page, String text) {
        waitFor(page).until((d) -> messages(d, "in").contains(text));
    }

    /** The texts of the messages shown, {@code in} (received) or {@code out} (sent). */
    private static List<String> messages(WebDriver page, String direction) {
        return page.findElements(By.cssSelector("#chat-messages li.msg." + direction + " .bubble"))
            .stream()
            .map(WebElement::getText)
            .toList();
    }

    /** The texts shown right now, read again if the page redraws the list meanwhile. */
    private static List<String> shown(WebDriver page, String direction) {
        return waitFor(page).until((d) -> messages(d, direction));
    }

    /** Clicks an element, finding it again when the page has just redrawn it. */
    private static void click(WebDriver page, By element) {
        waitFor(page).until((d) -> {
            d.findElement(element).click();
            return true;
        });
    }

    /** Waits at most the deadline; lists are redrawn as events arrive, so stale elements are looked up again. */
    private static WebDriverWait waitFor(WebDriver page) {
        WebDriverWait wait = new WebDriverWait(page, SampleInstance.DEADLINE);
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    private static void screenshot(WebDriver page) throws IOException {
        Path target = Path.of(System.getProperty("basedir", "."), "target", "screenshot.png");
        Files.createDirectories(target.getParent());
        File shot = ((TakesScreenshot) page).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    }

    // ------------------------------------------------------------------ browser

    private static WebDriver browser(Path chromium, Path chromedriver) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,800", "--force-device-scale-factor=1", "--lang=en-US",
                "--force-prefers-reduced-motion",
                "--disable-extensions", "--no-first-run");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
            .usingAnyFreePort()
            .build();
        return new ChromeDriver(service, options);
    }

    private static void quit(WebDriver page) {
        if (page != null) {
            page.quit(); // ends chromium and chromedriver
        }
    }

    /**
     * An executable named by the environment variable or found on the PATH; skips the test when there
     * is none, or fails on CI.
     */
    private static Path executable(String variable, String... names) {
        Optional<Path> found = Optional.ofNullable(System.getenv(variable))
            .map(Path::of)
            .filter(Files::isExecutable)
            .or(() -> Stream.of(names)
                .flatMap((name) -> Stream.of(System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator))
                    .map((dir) -> Path.of(dir, name)))
                .filter(Files::isExecutable)
                .findFirst());
        if (found.isEmpty()) {
            String message = "No " + String.join("/", names) + " on the PATH (or $" + variable + "); install with: "
                    + INSTALL;
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(message + " (CI=true: the browser test must run)");
            }
            Assumptions.abort(message + " - skipping the browser test");
        }
        return found.get();
    }

}
