# dovelua in a container, for hosts that keep their Dovecot config in one (docker-mailserver and
# the like). Build the jar first, then the image:
#   mvn package -DskipTests && docker build -t dovelua .
# Run with your config mounted where the scripts expect it:
#   docker run --rm -v /etc/dovecot:/etc/dovecot:ro dovelua \
#     -c /etc/dovecot/dovecot.conf --mount /etc/dovecot=/etc/dovecot auth test alice secret
FROM eclipse-temurin:17-jre
COPY runtime/target/dovelua-cli.jar /opt/dovelua/dovelua-cli.jar
WORKDIR /work
ENTRYPOINT ["java", "-jar", "/opt/dovelua/dovelua-cli.jar"]
