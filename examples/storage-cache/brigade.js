// Shared build storage passes files between jobs; the job cache survives between builds.
const { events, Job } = require("brigadier");

events.on("exec", async () => {
  const producer = new Job("produce", "alpine:3", [
    "echo artifact-$(date +%s) > /mnt/brigade/share/artifact.txt",
    "echo run >> /mnt/brigade/cache/runs.log",
    'echo "cache has $(wc -l < /mnt/brigade/cache/runs.log) run(s)"',
  ]);
  producer.storage.enabled = true;
  producer.cache.enabled = true;

  const consumer = new Job("consume", "alpine:3", ["echo consumed $(cat /mnt/brigade/share/artifact.txt)"]);
  consumer.storage.enabled = true;

  console.log((await producer.run()).toString().trim());
  console.log((await consumer.run()).toString().trim());
});
