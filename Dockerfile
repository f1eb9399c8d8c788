# Layered Spring Boot image: dependencies change rarely, application classes often.
FROM eclipse-temurin:21-jre AS layers
WORKDIR /app
COPY target/campaignpilot-*.jar app.jar
RUN java -Djarmode=tools -jar app.jar extract --layers --launcher --destination extracted

FROM eclipse-temurin:21-jre
WORKDIR /app
RUN useradd --system --uid 1001 campaignpilot
COPY --from=layers /app/extracted/dependencies/ ./
COPY --from=layers /app/extracted/spring-boot-loader/ ./
COPY --from=layers /app/extracted/snapshot-dependencies/ ./
COPY --from=layers /app/extracted/application/ ./
USER campaignpilot
EXPOSE 8080
# ZGC: pauses under a millisecond (G1's young collections stopped a busy node for 100-700 ms in the load run);
# ThreadPriorityPolicy=1 and nice 19 for Java's lowest priority: the threads that work campaigns run below people's
# requests (platform/BackgroundThreads)
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+UseZGC", "-XX:+ZGenerational", "-XX:ThreadPriorityPolicy=1", \
    "-XX:JavaPriority1_To_OSPriority=19", "org.springframework.boot.loader.launch.JarLauncher"]
